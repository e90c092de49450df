package org.example.corpus.ssrf;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: ssrf (on the marked line)
@WebServlet(value = "/ssrf/Ssrf027")
public class Ssrf027 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private org.springframework.web.client.RestTemplate restTemplate;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("name");
        java.util.Set<String> allowed = java.util.Set.of("alpha", "beta");
        if (!allowed.contains(param)) {
            System.err.println("unexpected value");
        }
        String bar = param;
        try {
            java.net.URL url = new java.net.URL(bar);  // expect: ssrf
            url.openConnection().getInputStream().close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
