package org.example.corpus.ssrf;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: ssrf (on the marked line)
@RestController
public class Ssrf011 {
    private org.springframework.web.client.RestTemplate restTemplate;

    @GetMapping("/ssrf/ssrf011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.net.URL url = new java.net.URL(param);  // expect: ssrf
        url.openConnection().getInputStream().close();
        return "ok";
    }
}
