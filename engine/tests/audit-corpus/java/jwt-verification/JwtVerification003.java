package org.example.corpus.jwtverification;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: jwt-verification
@WebServlet(value = "/jwt-verification/JwtVerification003")
public class JwtVerification003 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            String user = com.auth0.jwt.JWT.require(com.auth0.jwt.algorithms.Algorithm.HMAC256(System.getenv("JWT_KEY"))).build().verify(request.getHeader("Authorization")).getSubject();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
