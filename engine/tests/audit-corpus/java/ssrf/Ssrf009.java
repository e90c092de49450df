package org.example.corpus.ssrf;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: ssrf (on the marked line)
@WebServlet(value = "/ssrf/Ssrf009")
public class Ssrf009 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private org.springframework.web.client.RestTemplate restTemplate;

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
            java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(bar)).build();  // expect: ssrf
            java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
