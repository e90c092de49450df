package org.example.corpus.templateinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: template-injection
@WebServlet(value = "/template-injection/TemplateInjection020")
public class TemplateInjection020 extends HttpServlet {

    private static final long serialVersionUID = 1L;
            private static String doSomething(HttpServletRequest request, String value) {
                String fixed = "safe!";
    return fixed;
            }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        String bar = doSomething(request, param);
        try {
            java.io.StringWriter out = new java.io.StringWriter();
            org.apache.velocity.app.Velocity.evaluate(new org.apache.velocity.VelocityContext(), out, "page", "Hello " + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
