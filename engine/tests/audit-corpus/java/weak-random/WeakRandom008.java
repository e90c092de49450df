package org.example.corpus.weakrandom;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: weak-random
@RestController
public class WeakRandom008 {

    @GetMapping("/weak-random/weakrandom008")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        String token = java.util.UUID.randomUUID().toString();
        response.getWriter().println(token);
        return "ok";
    }
}
