package org.example.corpus.regexinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: regex-injection (on the marked line)
@WebServlet(value = "/regex-injection/RegexInjection007")
public class RegexInjection007 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static String decorate(String value) {
        return value.trim();
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "none";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie c : cookies) {
                if (c.getName().equals("name")) {
                    param = java.net.URLDecoder.decode(c.getValue(), "UTF-8");
                    break;
                }
            }
        }
        String bar = decorate(param);
        try {
            java.util.regex.Pattern.compile(bar).matcher("input text").find();  // expect: regex-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
