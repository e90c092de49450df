package org.example.corpus.xpathinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: xpath-injection (on the marked line)
@RestController
public class XpathInjection009 {
    private org.w3c.dom.Document doc;

    @GetMapping("/xpath-injection/xpathinjection009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        String expression = "/Employees/Employee[@emplid='" + param + "']";
        xp.evaluate(expression, doc, javax.xml.xpath.XPathConstants.NODESET);  // expect: xpath-injection
        return "ok";
    }
}
