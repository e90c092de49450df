package org.example.corpus.ssrf;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: ssrf (on the marked line)
@WebServlet(value = "/ssrf/Ssrf019")
public class Ssrf019 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private org.springframework.web.client.RestTemplate restTemplate;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        java.util.HashMap<String, Object> values = new java.util.HashMap<String, Object>();
        values.put("keyA", "a_Value");
        values.put("keyB", param);
        values.put("keyC", "another_Value");
        String bar = (String) values.get("keyB");
        try {
            restTemplate.getForObject(bar, String.class);  // expect: ssrf
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
