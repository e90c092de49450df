package org.example.corpus.weakrandom;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: weak-random (on the marked line)
@WebServlet(value = "/weak-random/WeakRandom005")
public class WeakRandom005 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            float rand = new java.util.Random().nextFloat();  // expect: weak-random
            String password = "pw" + rand;
            request.getSession().setAttribute("tempPassword", password);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
