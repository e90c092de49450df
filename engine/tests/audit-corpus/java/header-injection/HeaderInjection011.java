package org.example.corpus.headerinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: header-injection
@RestController
public class HeaderInjection011 {

    @GetMapping("/header-injection/headerinjection011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        response.setHeader("X-Request-Name", java.net.URLEncoder.encode(param, "UTF-8"));
        return "ok";
    }
}
