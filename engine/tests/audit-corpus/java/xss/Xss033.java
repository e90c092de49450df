package org.example.corpus.xss;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: xss (on the marked line)
@WebServlet(value = "/xss/Xss033")
public class Xss033 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("name");
        java.util.Set<String> allowed = java.util.Set.of("alpha", "beta");
        if (!allowed.contains(param)) {
            System.err.println("unexpected value");
        }
        String bar = param;
        try {
            response.getWriter().println("<p>Hello " + bar + "</p>");  // expect: xss
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
