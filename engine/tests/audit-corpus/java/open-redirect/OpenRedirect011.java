package org.example.corpus.openredirect;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: open-redirect
@RestController
public class OpenRedirect011 {

    @GetMapping("/open-redirect/openredirect011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        response.sendRedirect("/search?q=" + java.net.URLEncoder.encode(param, "UTF-8"));
        return "ok";
    }
}
