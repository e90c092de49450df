package org.example.corpus.xss;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: xss
@WebServlet(value = "/xss/Xss016")
public class Xss016 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        String bar = param;
        try {
            response.getWriter().println("<p>Hello " + org.owasp.esapi.ESAPI.encoder().encodeForHTML(bar) + "</p>");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
