package org.example.corpus.zipslip;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// expect: zip-slip (on the marked line)
@WebServlet(value = "/zip-slip/ZipSlip002")
public class ZipSlip002 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            java.util.zip.ZipInputStream zis = new java.util.zip.ZipInputStream(request.getInputStream());
            java.util.zip.ZipEntry entry = zis.getNextEntry();
            String name = entry.getName();
            java.io.FileOutputStream fos = new java.io.FileOutputStream("/var/app/extract/" + name);  // expect: zip-slip
            fos.close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
