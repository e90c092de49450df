package org.example.corpus.hardcodedsecret;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: hardcoded-secret
@WebServlet(value = "/hardcoded-secret/HardcodedSecret004")
public class HardcodedSecret004 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mysql://db/app", "app", System.getenv("DB_PASSWORD"));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
