package org.example.corpus.xpathinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: xpath-injection
@WebServlet(value = "/xpath-injection/XpathInjection026")
public class XpathInjection026 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private org.w3c.dom.Document doc;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("name");
        java.util.Set<String> allowed = java.util.Set.of("alpha", "beta");
        if (!allowed.contains(param)) {
            throw new IllegalArgumentException("bad value");
        }
        String bar = param;
        try {
            javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
            String expression = "/Employees/Employee[@emplid='" + bar + "']";
            xp.evaluate(expression, doc, javax.xml.xpath.XPathConstants.NODESET);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
