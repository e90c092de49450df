package org.example.corpus.insecuretempfile;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: insecure-temp-file
@WebServlet(value = "/insecure-temp-file/InsecureTempFile003")
public class InsecureTempFile003 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            java.nio.file.Files.write(java.nio.file.Files.createTempFile("report", ".csv"), new byte[0]);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
