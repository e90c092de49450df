package org.example.corpus.weakrandom;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: weak-random
@WebServlet(value = "/weak-random/WeakRandom006")
public class WeakRandom006 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            java.security.SecureRandom random = new java.security.SecureRandom();
            String rememberMeKey = Long.toString(random.nextLong());
            response.addCookie(new javax.servlet.http.Cookie("rememberMe", rememberMeKey));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
