package org.example.corpus.loginjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: log-injection
@RestController
public class LogInjection011 {
    private static final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("app");

    @GetMapping("/log-injection/loginjection011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        logger.info("login attempt for " + org.owasp.encoder.Encode.forJava(param));
        return "ok";
    }
}
