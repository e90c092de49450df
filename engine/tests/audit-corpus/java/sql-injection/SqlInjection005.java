package org.example.corpus.sqlinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: sql-injection (on the marked line)
@WebServlet(value = "/sql-injection/SqlInjection005")
public class SqlInjection005 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private java.sql.Connection conn;
    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private javax.persistence.EntityManager em;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.util.Map<String, String[]> map = request.getParameterMap();
        String param = "";
        if (map != null) {
            String[] values = map.get("name");
            if (values != null) param = values[0];
        }
        String bar = param;
        try {
            java.sql.PreparedStatement ps = conn.prepareStatement("SELECT * FROM USERS WHERE USERNAME='" + bar + "'");  // expect: sql-injection
            ps.execute();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
