package org.example.corpus.jwtverification;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: jwt-verification
@WebServlet(value = "/jwt-verification/JwtVerification004")
public class JwtVerification004 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            Object claims = io.jsonwebtoken.Jwts.parser().setSigningKey(System.getenv("JWT_KEY")).parseClaimsJws(request.getHeader("Authorization")).getBody();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
