package org.example.corpus.pathtraversal;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.apache.commons.io.FilenameUtils;

// ok: path-traversal
@RestController
public class PathTraversal013 {

    @GetMapping("/path-traversal/pathtraversal013")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.io.File file = new java.io.File("/var/app/uploads/", FilenameUtils.getName(param));
        file.delete();
        return "ok";
    }
}
