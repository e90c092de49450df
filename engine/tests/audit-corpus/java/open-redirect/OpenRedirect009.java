package org.example.corpus.openredirect;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: open-redirect (on the marked line)
@RestController
public class OpenRedirect009 {

    @GetMapping("/open-redirect/openredirect009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        response.sendRedirect(param);  // expect: open-redirect
        return "ok";
    }
}
