package org.example.corpus.weakrandom;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: weak-random
@WebServlet(value = "/weak-random/WeakRandom007")
public class WeakRandom007 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            byte[] bytes = new byte[16];
            java.security.SecureRandom.getInstance("SHA1PRNG").nextBytes(bytes);
            String sessionId = java.util.Base64.getEncoder().encodeToString(bytes);
            request.getSession().setAttribute("sid", sessionId);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
