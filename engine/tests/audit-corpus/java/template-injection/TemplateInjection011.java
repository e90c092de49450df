package org.example.corpus.templateinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: template-injection
@RestController
public class TemplateInjection011 {

    @GetMapping("/template-injection/templateinjection011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        org.apache.velocity.VelocityContext context = new org.apache.velocity.VelocityContext();
        context.put("name", param);
        java.io.StringWriter out = new java.io.StringWriter();
        org.apache.velocity.app.Velocity.evaluate(context, out, "page", "Hello $name");
        return "ok";
    }
}
