package org.example.corpus.insecurecookie;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: insecure-cookie
@WebServlet(value = "/insecure-cookie/InsecureCookie004")
public class InsecureCookie004 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", "value");
            cookie.setSecure(true);
            cookie.setHttpOnly(true);
            cookie.setPath(request.getRequestURI());
            response.addCookie(cookie);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
