package org.example.corpus.zipslip;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// ok: zip-slip
@WebServlet(value = "/zip-slip/ZipSlip003")
public class ZipSlip003 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            java.util.zip.ZipInputStream zis = new java.util.zip.ZipInputStream(request.getInputStream());
            java.util.zip.ZipEntry entry;
            while ((entry = zis.getNextEntry()) != null) {
                java.io.File out = new java.io.File("/var/app/extract", FilenameUtils.getName(entry.getName()));
                java.nio.file.Files.copy(zis, out.toPath());
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
