package org.example.corpus.pathtraversal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// ok: path-traversal
@WebServlet(value = "/path-traversal/PathTraversal030")
public class PathTraversal030 extends HttpServlet {

    private static final long serialVersionUID = 1L;

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
            java.io.FileInputStream fis = new java.io.FileInputStream(new java.io.File("/var/app/files", bar));
            fis.close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
