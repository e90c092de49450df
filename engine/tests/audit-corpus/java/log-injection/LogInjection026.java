package org.example.corpus.loginjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: log-injection
@WebServlet(value = "/log-injection/LogInjection026")
public class LogInjection026 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("app");

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
            logger.warning("unknown item " + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
