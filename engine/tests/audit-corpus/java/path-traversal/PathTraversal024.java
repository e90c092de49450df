package org.example.corpus.pathtraversal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// ok: path-traversal
@WebServlet(value = "/path-traversal/PathTraversal024")
public class PathTraversal024 extends HttpServlet {

    private static final long serialVersionUID = 1L;
            private static String doSomething(HttpServletRequest request, String value) {
                String fixed = "safe!";
    return fixed;
            }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        String bar = doSomething(request, param);
        try {
            java.io.File file = new java.io.File("/var/app/uploads/" + bar);
            file.delete();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
