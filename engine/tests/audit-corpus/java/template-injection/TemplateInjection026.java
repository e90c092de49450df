package org.example.corpus.templateinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: template-injection
@WebServlet(value = "/template-injection/TemplateInjection026")
public class TemplateInjection026 extends HttpServlet {

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
            java.io.StringWriter out = new java.io.StringWriter();
            org.apache.velocity.app.Velocity.evaluate(new org.apache.velocity.VelocityContext(), out, "page", "Hello " + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
