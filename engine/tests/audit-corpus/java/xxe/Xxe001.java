package org.example.corpus.xxe;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: xxe (on the marked line)
@WebServlet(value = "/xxe/Xxe001")
public class Xxe001 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            javax.xml.parsers.DocumentBuilderFactory dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();  // expect: xxe
            dbf.newDocumentBuilder().parse(request.getInputStream());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
