package org.example.corpus.sqlinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: sql-injection
@RestController
public class SqlInjection017 {
    private java.sql.Connection conn;
    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private javax.persistence.EntityManager em;

    @GetMapping("/sql-injection/sqlinjection017")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        jdbcTemplate.queryForList("SELECT * FROM USERS WHERE USERNAME=?", param);
        return "ok";
    }
}
