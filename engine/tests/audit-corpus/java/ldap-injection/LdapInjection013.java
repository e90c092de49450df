package org.example.corpus.ldapinjection;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: ldap-injection
@RestController
public class LdapInjection013 {

    @GetMapping("/ldap-injection/ldapinjection013")
    public String handle(@RequestParam("name") String param, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext();
        ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid=" + org.owasp.esapi.ESAPI.encoder().encodeForLDAP(param) + "))", new javax.naming.directory.SearchControls());
        return "ok";
    }
}
