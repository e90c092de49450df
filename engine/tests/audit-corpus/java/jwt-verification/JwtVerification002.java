package org.example.corpus.jwtverification;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: jwt-verification (on the marked line)
@WebServlet(value = "/jwt-verification/JwtVerification002")
public class JwtVerification002 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            Object claims = io.jsonwebtoken.Jwts.parser().parseClaimsJwt(request.getHeader("Authorization")).getBody();  // expect: jwt-verification
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
