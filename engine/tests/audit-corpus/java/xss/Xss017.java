package org.example.corpus.xss;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: xss
@RestController
public class Xss017 {

    @GetMapping("/xss/xss017")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        response.getWriter().println("<p>Hello " + org.owasp.esapi.ESAPI.encoder().encodeForHTML(param) + "</p>");
        return "ok";
    }
}
