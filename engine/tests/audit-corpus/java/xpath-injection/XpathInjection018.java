package org.example.corpus.xpathinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: xpath-injection
@WebServlet(value = "/xpath-injection/XpathInjection018")
public class XpathInjection018 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private org.w3c.dom.Document doc;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        java.util.HashMap<String, Object> values = new java.util.HashMap<String, Object>();
        values.put("keyA", "a_Value");
        values.put("keyB", param);
        values.put("keyC", "another_Value");
        String bar = (String) values.get("keyA");
        try {
            javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
            xp.compile("/Employees/Employee[@emplid='" + bar + "']").evaluate(doc);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
