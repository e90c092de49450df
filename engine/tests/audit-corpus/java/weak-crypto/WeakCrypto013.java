package org.example.corpus.weakcrypto;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.crypto.Cipher;
import java.security.MessageDigest;

// ok: weak-crypto
@WebServlet(value = "/weak-crypto/WeakCrypto013")
public class WeakCrypto013 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");


        try {
            Cipher c = Cipher.getInstance("AES/CCM/NoPadding");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
