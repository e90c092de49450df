package org.example.corpus.nosqlinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: nosql-injection (on the marked line)
@WebServlet(value = "/nosql-injection/NosqlInjection007")
public class NosqlInjection007 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private com.mongodb.client.MongoCollection<org.bson.Document> users;

    private static String decorate(String value) {
        return value.trim();
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "none";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie c : cookies) {
                if (c.getName().equals("name")) {
                    param = java.net.URLDecoder.decode(c.getValue(), "UTF-8");
                    break;
                }
            }
        }
        String bar = decorate(param);
        try {
            users.find(org.bson.Document.parse("{ name: '" + bar + "' }")).first();  // expect: nosql-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
