package org.example.corpus.weakcrypto;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import javax.crypto.Cipher;
import java.security.MessageDigest;

// expect: weak-crypto (on the marked line)
@RestController
public class WeakCrypto006 {

    @GetMapping("/weak-crypto/weakcrypto006")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA1", "SUN");  // expect: weak-crypto
        return "ok";
    }
}
