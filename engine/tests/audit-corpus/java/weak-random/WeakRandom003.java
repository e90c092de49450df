package org.example.corpus.weakrandom;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: weak-random (on the marked line)
@RestController
public class WeakRandom003 {

    @GetMapping("/weak-random/weakrandom003")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        int r = new java.util.Random().nextInt(99999);  // expect: weak-random
        String token = "token-" + r;
        response.getWriter().println(token);
        return "ok";
    }
}
