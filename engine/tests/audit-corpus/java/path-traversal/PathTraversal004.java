package org.example.corpus.pathtraversal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// expect: path-traversal (on the marked line)
@WebServlet(value = "/path-traversal/PathTraversal004")
public class PathTraversal004 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Name");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        String bar = param;
        try {
            java.io.FileInputStream fis = new java.io.FileInputStream(new java.io.File("/var/app/files", bar));  // expect: path-traversal
            fis.close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
