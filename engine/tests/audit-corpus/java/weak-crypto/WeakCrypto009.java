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
public class WeakCrypto009 {

    @GetMapping("/weak-crypto/weakcrypto009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.util.Properties props = new java.util.Properties();
        String alg = props.getProperty("hashAlg1", "MD5");
        MessageDigest md = MessageDigest.getInstance(alg);  // expect: weak-crypto
        return "ok";
    }
}
