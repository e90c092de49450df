package org.example.corpus.hardcodedsecret;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: hardcoded-secret (on the marked line)
@RestController
public class HardcodedSecret003 {

    @GetMapping("/hardcoded-secret/hardcodedsecret003")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        String apiKey = "sk_live_51HxQ2eLkdP9vT8nB3mQ7rZ";  // expect: hardcoded-secret
        return "ok";
    }
}
