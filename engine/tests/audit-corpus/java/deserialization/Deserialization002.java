package org.example.corpus.deserialization;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: deserialization (on the marked line)
@WebServlet(value = "/deserialization/Deserialization002")
public class Deserialization002 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            java.beans.XMLDecoder d = new java.beans.XMLDecoder(request.getInputStream());  // expect: deserialization
            Object o = d.readObject();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
