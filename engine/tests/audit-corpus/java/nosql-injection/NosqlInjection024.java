package org.example.corpus.nosqlinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: nosql-injection
@WebServlet(value = "/nosql-injection/NosqlInjection024")
public class NosqlInjection024 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private com.mongodb.client.MongoCollection<org.bson.Document> users;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("name");
        java.util.Set<String> allowed = java.util.Set.of("alpha", "beta");
        if (!allowed.contains(param)) {
            throw new IllegalArgumentException("bad value");
        }
        String bar = param;
        try {
            users.find(org.bson.Document.parse("{ name: '" + bar + "' }")).first();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
