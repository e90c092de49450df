package org.example.corpus.insecurecookie;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: insecure-cookie
@WebServlet(value = "/insecure-cookie/InsecureCookie005")
public class InsecureCookie005 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            String v = java.util.UUID.randomUUID().toString();
            javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("session", v);
            cookie.setSecure(true);
            cookie.setHttpOnly(true);
            response.addCookie(cookie);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
