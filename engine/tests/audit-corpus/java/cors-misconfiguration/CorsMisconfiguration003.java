package org.example.corpus.corsmisconfiguration;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: cors-misconfiguration
@WebServlet(value = "/cors-misconfiguration/CorsMisconfiguration003")
public class CorsMisconfiguration003 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            response.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
            response.setHeader("Access-Control-Allow-Credentials", "true");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
