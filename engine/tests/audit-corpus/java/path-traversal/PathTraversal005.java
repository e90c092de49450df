package org.example.corpus.pathtraversal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// expect: path-traversal (on the marked line)
@WebServlet(value = "/path-traversal/PathTraversal005")
public class PathTraversal005 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.util.Map<String, String[]> map = request.getParameterMap();
        String param = "";
        if (map != null) {
            String[] values = map.get("name");
            if (values != null) param = values[0];
        }
        String bar = param;
        try {
            java.nio.file.Path path = java.nio.file.Paths.get("/var/app/files", bar);  // expect: path-traversal
            response.getOutputStream().write(java.nio.file.Files.readAllBytes(path));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
