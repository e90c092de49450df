package org.example.corpus.weakcrypto;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import javax.crypto.Cipher;
import java.security.MessageDigest;

// ok: weak-crypto
@RestController
public class WeakCrypto014 {

    @GetMapping("/weak-crypto/weakcrypto014")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        return "ok";
    }
}
