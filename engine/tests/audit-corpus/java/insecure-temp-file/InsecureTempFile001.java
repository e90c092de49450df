package org.example.corpus.insecuretempfile;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: insecure-temp-file (on the marked line)
@WebServlet(value = "/insecure-temp-file/InsecureTempFile001")
public class InsecureTempFile001 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            new java.io.FileOutputStream("/tmp/report.csv").write(new byte[0]);  // expect: insecure-temp-file
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
