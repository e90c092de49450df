package org.example.corpus.sqlinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: sql-injection (on the marked line)
@RestController
public class SqlInjection013 {
    private java.sql.Connection conn;
    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private javax.persistence.EntityManager em;

    @GetMapping("/sql-injection/sqlinjection013")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.sql.Statement statement = conn.createStatement();
        statement.executeQuery("SELECT * FROM USERS WHERE USERNAME='" + param + "'");  // expect: sql-injection
        return "ok";
    }
}
