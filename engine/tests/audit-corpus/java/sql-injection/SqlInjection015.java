package org.example.corpus.sqlinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: sql-injection
@RestController
public class SqlInjection015 {
    private java.sql.Connection conn;
    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private javax.persistence.EntityManager em;

    @GetMapping("/sql-injection/sqlinjection015")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.sql.PreparedStatement ps = conn.prepareStatement("SELECT * FROM USERS WHERE USERNAME=?");
        ps.setString(1, param);
        ps.executeQuery();
        return "ok";
    }
}
