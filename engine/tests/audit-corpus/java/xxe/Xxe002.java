package org.example.corpus.xxe;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: xxe (on the marked line)
@WebServlet(value = "/xxe/Xxe002")
public class Xxe002 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            javax.xml.parsers.SAXParserFactory spf = javax.xml.parsers.SAXParserFactory.newInstance();  // expect: xxe
            spf.newSAXParser().parse(request.getInputStream(), new org.xml.sax.helpers.DefaultHandler());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
