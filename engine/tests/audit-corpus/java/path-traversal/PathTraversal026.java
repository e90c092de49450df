package org.example.corpus.pathtraversal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

// ok: path-traversal
@WebServlet(value = "/path-traversal/PathTraversal026")
public class PathTraversal026 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("name");
        int selector = 2;
        String bar;
        switch (selector) {
            case 1:
                bar = param;
                break;
            case 2:
                bar = "bob";
                break;
            default:
                bar = "bob's your uncle";
                break;
        }
        try {
            java.io.FileInputStream fis = new java.io.FileInputStream(new java.io.File("/var/app/files", bar));
            fis.close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
