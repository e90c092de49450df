package org.example.corpus.pathtraversal;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.apache.commons.io.FilenameUtils;

// expect: path-traversal (on the marked line)
@RestController
public class PathTraversal011 {

    @GetMapping("/path-traversal/pathtraversal011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.io.File file = new java.io.File("/var/app/uploads/" + param);  // expect: path-traversal
        file.delete();
        return "ok";
    }
}
