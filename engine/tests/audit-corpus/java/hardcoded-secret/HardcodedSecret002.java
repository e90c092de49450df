package org.example.corpus.hardcodedsecret;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: hardcoded-secret (on the marked line)
@WebServlet(value = "/hardcoded-secret/HardcodedSecret002")
public class HardcodedSecret002 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            String url = "jdbc:postgresql://app:Tr0ub4dor3@db.internal:5432/app";  // expect: hardcoded-secret
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
