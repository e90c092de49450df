package org.example.corpus.insecurecookie;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: insecure-cookie (on the marked line)
@WebServlet(value = "/insecure-cookie/InsecureCookie002")
public class InsecureCookie002 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("session", java.util.UUID.randomUUID().toString());  // expect: insecure-cookie
            cookie.setPath(request.getRequestURI());
            response.addCookie(cookie);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
