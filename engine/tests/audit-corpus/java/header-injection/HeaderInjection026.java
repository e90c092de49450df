package org.example.corpus.headerinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: header-injection
@WebServlet(value = "/header-injection/HeaderInjection026")
public class HeaderInjection026 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        if (param == null || !param.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("bad value");
        }
        String bar = param;
        try {
            response.addHeader("Content-Disposition", "attachment; filename=" + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
