package org.example.corpus.commandinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: command-injection (on the marked line)
@WebServlet(value = "/command-injection/CommandInjection029")
public class CommandInjection029 extends HttpServlet {

    private static final long serialVersionUID = 1L;

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
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", "ls " + bar);  // expect: command-injection
            pb.start();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
