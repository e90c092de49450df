package org.example.corpus.ldapinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: ldap-injection (on the marked line)
@RestController
public class LdapInjection009 {

    @GetMapping("/ldap-injection/ldapinjection009")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext();
        String filter = "(&(objectclass=person)(uid=" + param + "))";
        ctx.search("ou=users,ou=system", filter, new javax.naming.directory.SearchControls());  // expect: ldap-injection
        return "ok";
    }
}
