package org.example.corpus.ssrf;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: ssrf
@RestController
public class Ssrf013 {
    private org.springframework.web.client.RestTemplate restTemplate;

    @GetMapping("/ssrf/ssrf013")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        restTemplate.getForObject("https://api.example.com/items/" + Integer.parseInt(param), String.class);
        return "ok";
    }
}
