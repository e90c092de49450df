package org.example.corpus.regexinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: regex-injection (on the marked line)
@RestController
public class RegexInjection009 {

    @GetMapping("/regex-injection/regexinjection009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.util.regex.Pattern.compile(param).matcher("input text").find();  // expect: regex-injection
        return "ok";
    }
}
