package org.example.corpus.templateinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: template-injection (on the marked line)
@RestController
public class TemplateInjection009 {

    @GetMapping("/template-injection/templateinjection009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        org.springframework.expression.ExpressionParser parser = new org.springframework.expression.spel.standard.SpelExpressionParser();
        parser.parseExpression(param).getValue();  // expect: template-injection
        return "ok";
    }
}
