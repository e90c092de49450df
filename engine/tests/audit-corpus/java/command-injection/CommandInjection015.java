package org.example.corpus.commandinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: command-injection
@RestController
public class CommandInjection015 {

    @GetMapping("/command-injection/commandinjection015")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        Runtime.getRuntime().exec(new String[] {"ping", "-c", "1", String.valueOf(Integer.parseInt(param))});
        return "ok";
    }
}
