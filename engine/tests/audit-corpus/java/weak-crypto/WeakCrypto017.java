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
public class WeakCrypto017 {

    @GetMapping("/weak-crypto/weakcrypto017")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        java.util.Properties props = new java.util.Properties();
        String alg = props.getProperty("cryptoAlg2", "AES/GCM/NoPadding");
        Cipher c = Cipher.getInstance(alg);
        return "ok";
    }
}
