package org.example.corpus.pathtraversal;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.apache.commons.io.FilenameUtils;

// ok: path-traversal
@RestController
public class PathTraversal015 {

    @GetMapping("/path-traversal/pathtraversal015")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.io.FileInputStream fis = new java.io.FileInputStream(new java.io.File("/var/app/files", String.valueOf(Integer.parseInt(param))));
        fis.close();
        return "ok";
    }
}
