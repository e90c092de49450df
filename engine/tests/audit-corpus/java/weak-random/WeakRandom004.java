package org.example.corpus.weakrandom;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: weak-random (on the marked line)
@WebServlet(value = "/weak-random/WeakRandom004")
public class WeakRandom004 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            java.util.Random random = new java.util.Random();  // expect: weak-random
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String sessionId = java.util.Base64.getEncoder().encodeToString(bytes);
            request.getSession().setAttribute("sid", sessionId);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
