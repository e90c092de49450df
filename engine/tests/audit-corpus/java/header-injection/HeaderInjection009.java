package org.example.corpus.headerinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: header-injection (on the marked line)
@RestController
public class HeaderInjection009 {

    @GetMapping("/header-injection/headerinjection009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        response.setHeader("X-Request-Name", param);  // expect: header-injection
        return "ok";
    }
}
