package org.example.corpus.commandinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: command-injection (on the marked line)
@RestController
public class CommandInjection011 {

    @GetMapping("/command-injection/commandinjection011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        Runtime.getRuntime().exec(new String[] {"sh", "-c", "echo " + param});  // expect: command-injection
        return "ok";
    }
}
