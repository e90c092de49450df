package org.example.corpus.sqlinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: sql-injection (on the marked line)
@WebServlet(value = "/sql-injection/SqlInjection033")
public class SqlInjection033 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private java.sql.Connection conn;
    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private javax.persistence.EntityManager em;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        if (param == null || !param.matches("[A-Za-z0-9_]+")) {
            System.err.println("unexpected value");
        }
        String bar = param;
        try {
            String sql = "UPDATE USERS SET PASSWORD='foo' WHERE USERNAME='" + bar + "'";
            java.sql.Statement statement = conn.createStatement();
            statement.executeUpdate(sql);  // expect: sql-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
