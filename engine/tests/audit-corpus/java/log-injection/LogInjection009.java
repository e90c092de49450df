package org.example.corpus.loginjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: log-injection (on the marked line)
@RestController
public class LogInjection009 {
    private static final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("app");

    @GetMapping("/log-injection/loginjection009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        logger.info("login attempt for " + param);  // expect: log-injection
        return "ok";
    }
}
