package org.example.corpus.weakrandom;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: weak-random (on the marked line)
@WebServlet(value = "/weak-random/WeakRandom002")
public class WeakRandom002 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            double value = Math.random();  // expect: weak-random
            String rememberMeKey = Double.toString(value).substring(2);
            request.getSession().setAttribute("rememberMe", rememberMeKey);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
