package org.example.corpus.pathtraversal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// expect: path-traversal (on the marked line)
@WebServlet(value = "/path-traversal/PathTraversal003")
public class PathTraversal003 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "none";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie c : cookies) {
                if (c.getName().equals("name")) {
                    param = java.net.URLDecoder.decode(c.getValue(), "UTF-8");
                    break;
                }
            }
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
