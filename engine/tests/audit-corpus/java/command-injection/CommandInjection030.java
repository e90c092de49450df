package org.example.corpus.commandinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: command-injection
@WebServlet(value = "/command-injection/CommandInjection030")
public class CommandInjection030 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        if (param == null || !param.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("bad value");
        }
        String bar = param;
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", "ls " + bar);
            pb.start();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
