package org.example.corpus.nosqlinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: nosql-injection
@RestController
public class NosqlInjection011 {
    private com.mongodb.client.MongoCollection<org.bson.Document> users;

    @GetMapping("/nosql-injection/nosqlinjection011")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        users.find(com.mongodb.client.model.Filters.eq("name", param)).first();
        return "ok";
    }
}
