package org.example.corpus.sqlinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: sql-injection (on the marked line)
@WebServlet(value = "/sql-injection/SqlInjection011")
public class SqlInjection011 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private java.sql.Connection conn;
    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private javax.persistence.EntityManager em;

    private static String decorate(String value) {
        return value.trim();
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "none";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie c : cookies) {
                if (c.getName().equals("name")) {
                    param = java.net.URLDecoder.decode(c.getValue(), "UTF-8");
                    break;
                }
            }
        }
        String bar = decorate(param);
        try {
            java.sql.PreparedStatement ps = conn.prepareStatement("SELECT * FROM USERS WHERE USERNAME='" + bar + "'");  // expect: sql-injection
            ps.execute();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
