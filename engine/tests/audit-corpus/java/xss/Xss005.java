package org.example.corpus.xss;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: xss (on the marked line)
@WebServlet(value = "/xss/Xss005")
public class Xss005 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.util.Map<String, String[]> map = request.getParameterMap();
        String param = "";
        if (map != null) {
            String[] values = map.get("name");
            if (values != null) param = values[0];
        }
        String bar = param;
        try {
            response.getWriter().write(bar);  // expect: xss
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
