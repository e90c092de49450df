package org.example.corpus.regexinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: regex-injection (on the marked line)
@WebServlet(value = "/regex-injection/RegexInjection006")
public class RegexInjection006 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        StringBuilder sb = new StringBuilder();
        sb.append("item-");
        sb.append(param);
        String bar = sb.toString();
        try {
            boolean ok = "input text".matches(bar);  // expect: regex-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
