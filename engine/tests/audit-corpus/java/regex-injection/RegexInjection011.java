package org.example.corpus.regexinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: regex-injection
@RestController
public class RegexInjection011 {

    @GetMapping("/regex-injection/regexinjection011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(param)).matcher("input text").find();
        return "ok";
    }
}
