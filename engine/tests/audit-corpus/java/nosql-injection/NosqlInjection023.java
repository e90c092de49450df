package org.example.corpus.nosqlinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: nosql-injection (on the marked line)
@WebServlet(value = "/nosql-injection/NosqlInjection023")
public class NosqlInjection023 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private com.mongodb.client.MongoCollection<org.bson.Document> users;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("name");
        java.util.Set<String> allowed = java.util.Set.of("alpha", "beta");
        if (!allowed.contains(param)) {
            System.err.println("unexpected value");
        }
        String bar = param;
        try {
            users.find(org.bson.Document.parse("{ name: '" + bar + "' }")).first();  // expect: nosql-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
