package org.example.corpus.commandinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: command-injection
@WebServlet(value = "/command-injection/CommandInjection028")
public class CommandInjection028 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("name");
        java.util.Set<String> allowed = java.util.Set.of("alpha", "beta");
        if (!allowed.contains(param)) {
            throw new IllegalArgumentException("bad value");
        }
        String bar = param;
        try {
            Runtime.getRuntime().exec(new String[] {"sh", "-c", "echo " + bar});
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
