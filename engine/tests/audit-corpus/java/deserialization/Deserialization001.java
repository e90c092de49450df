package org.example.corpus.deserialization;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: deserialization (on the marked line)
@WebServlet(value = "/deserialization/Deserialization001")
public class Deserialization001 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            java.io.ObjectInputStream in = new java.io.ObjectInputStream(request.getInputStream());  // expect: deserialization
            Object o = in.readObject();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
