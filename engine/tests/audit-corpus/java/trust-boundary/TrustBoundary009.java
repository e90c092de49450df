package org.example.corpus.trustboundary;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: trust-boundary (on the marked line)
@RestController
public class TrustBoundary009 {

    @GetMapping("/trust-boundary/trustboundary009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        request.getSession().setAttribute("userid", param);  // expect: trust-boundary
        return "ok";
    }
}
