package org.example.corpus.commandinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: command-injection (on the marked line)
@WebServlet(value = "/command-injection/CommandInjection005")
public class CommandInjection005 extends HttpServlet {

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
            Process p = Runtime.getRuntime().exec("ping -c 1 " + bar);  // expect: command-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
