package org.example.corpus.nosqlinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: nosql-injection (on the marked line)
@WebServlet(value = "/nosql-injection/NosqlInjection025")
public class NosqlInjection025 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private com.mongodb.client.MongoCollection<org.bson.Document> users;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        if (param == null || !param.matches("[A-Za-z0-9_]+")) {
            System.err.println("unexpected value");
        }
        String bar = param;
        try {
            users.find(new com.mongodb.BasicDBObject("$where", "this.name == '" + bar + "'")).first();  // expect: nosql-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
