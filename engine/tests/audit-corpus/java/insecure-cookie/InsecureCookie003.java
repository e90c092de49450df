package org.example.corpus.insecurecookie;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: insecure-cookie (on the marked line)
@RestController
public class InsecureCookie003 {

    @GetMapping("/insecure-cookie/insecurecookie003")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("session", "v");
        cookie.setSecure(true);
        cookie.setHttpOnly(false);  // expect: insecure-cookie
        response.addCookie(cookie);
        return "ok";
    }
}
