package org.example.corpus.nosqlinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: nosql-injection (on the marked line)
@RestController
public class NosqlInjection009 {
    private com.mongodb.client.MongoCollection<org.bson.Document> users;

    @GetMapping("/nosql-injection/nosqlinjection009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        users.find(org.bson.Document.parse("{ name: '" + param + "' }")).first();  // expect: nosql-injection
        return "ok";
    }
}
