package org.example.corpus.pathtraversal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// expect: path-traversal (on the marked line)
@WebServlet(value = "/path-traversal/PathTraversal027")
public class PathTraversal027 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("name");
        java.util.Set<String> allowed = java.util.Set.of("alpha", "beta");
        if (!allowed.contains(param)) {
            System.err.println("unexpected value");
        }
        String bar = param;
        try {
            java.io.File file = new java.io.File("/var/app/uploads/" + bar);  // expect: path-traversal
            file.delete();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
