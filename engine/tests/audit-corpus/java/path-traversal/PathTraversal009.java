package org.example.corpus.pathtraversal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// expect: path-traversal (on the marked line)
@WebServlet(value = "/path-traversal/PathTraversal009")
public class PathTraversal009 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static String decorate(String value) {
        return value.trim();
    }

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
        String bar = decorate(param);
        try {
            java.nio.file.Path path = java.nio.file.Paths.get("/var/app/files", bar);  // expect: path-traversal
            response.getOutputStream().write(java.nio.file.Files.readAllBytes(path));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
