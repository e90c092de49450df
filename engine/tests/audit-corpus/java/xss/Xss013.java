package org.example.corpus.xss;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: xss (on the marked line)
@RestController
public class Xss013 {

    @GetMapping("/xss/xss013")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        response.getWriter().println("<p>Hello " + param + "</p>");  // expect: xss
        return "ok";
    }
}
