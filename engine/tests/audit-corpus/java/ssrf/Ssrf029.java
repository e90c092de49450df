package org.example.corpus.ssrf;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: ssrf (on the marked line)
@WebServlet(value = "/ssrf/Ssrf029")
public class Ssrf029 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private org.springframework.web.client.RestTemplate restTemplate;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        if (param == null || !param.matches("[A-Za-z0-9_]+")) {
            System.err.println("unexpected value");
        }
        String bar = param;
        try {
            restTemplate.getForObject(bar, String.class);  // expect: ssrf
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
