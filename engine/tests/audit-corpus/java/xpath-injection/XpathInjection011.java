package org.example.corpus.xpathinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: xpath-injection
@RestController
public class XpathInjection011 {
    private org.w3c.dom.Document doc;

    @GetMapping("/xpath-injection/xpathinjection011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        xp.evaluate("/Employees/Employee[@emplid='" + org.owasp.esapi.ESAPI.encoder().encodeForXPath(param) + "']", doc, javax.xml.xpath.XPathConstants.NODESET);
        return "ok";
    }
}
