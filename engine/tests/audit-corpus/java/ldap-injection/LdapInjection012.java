package org.example.corpus.ldapinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: ldap-injection
@WebServlet(value = "/ldap-injection/LdapInjection012")
public class LdapInjection012 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        String bar = param;
        try {
            javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext();
            ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid=" + org.owasp.esapi.ESAPI.encoder().encodeForLDAP(bar) + "))", new javax.naming.directory.SearchControls());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
