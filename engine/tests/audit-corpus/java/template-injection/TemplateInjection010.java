package org.example.corpus.templateinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: template-injection
@WebServlet(value = "/template-injection/TemplateInjection010")
public class TemplateInjection010 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("name");
        String bar = param;
        try {
            org.apache.velocity.VelocityContext context = new org.apache.velocity.VelocityContext();
            context.put("name", bar);
            java.io.StringWriter out = new java.io.StringWriter();
            org.apache.velocity.app.Velocity.evaluate(context, out, "page", "Hello $name");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
