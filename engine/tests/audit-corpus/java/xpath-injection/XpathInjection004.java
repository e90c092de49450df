package org.example.corpus.xpathinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: xpath-injection (on the marked line)
@WebServlet(value = "/xpath-injection/XpathInjection004")
public class XpathInjection004 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private org.w3c.dom.Document doc;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Name");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
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
