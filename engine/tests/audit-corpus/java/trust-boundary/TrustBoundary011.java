package org.example.corpus.trustboundary;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: trust-boundary
@RestController
public class TrustBoundary011 {

    @GetMapping("/trust-boundary/trustboundary011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        request.getSession().setAttribute("userid", Integer.parseInt(param));
        return "ok";
    }
}
