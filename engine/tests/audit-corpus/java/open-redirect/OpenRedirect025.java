package org.example.corpus.openredirect;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: open-redirect (on the marked line)
@WebServlet(value = "/open-redirect/OpenRedirect025")
public class OpenRedirect025 extends HttpServlet {

    private static final long serialVersionUID = 1L;

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
            response.setStatus(302);
            response.setHeader("Location", bar);  // expect: open-redirect
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
