package org.example.corpus.ssrf;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: ssrf
@RestController
public class Ssrf015 {
    private org.springframework.web.client.RestTemplate restTemplate;

    @GetMapping("/ssrf/ssrf015")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.net.URL url = new java.net.URL("https://api.example.com/items?q=" + java.net.URLEncoder.encode(param, "UTF-8"));
        url.openConnection().getInputStream().close();
        return "ok";
    }
}
