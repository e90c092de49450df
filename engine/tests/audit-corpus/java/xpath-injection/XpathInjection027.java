package org.example.corpus.xpathinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: xpath-injection (on the marked line)
@WebServlet(value = "/xpath-injection/XpathInjection027")
public class XpathInjection027 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private org.w3c.dom.Document doc;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        if (param == null || !param.matches("[A-Za-z0-9_]+")) {
            System.err.println("unexpected value");
        }
        String bar = param;
        try {
            javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
            xp.compile("/Employees/Employee[@emplid='" + bar + "']").evaluate(doc);  // expect: xpath-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
