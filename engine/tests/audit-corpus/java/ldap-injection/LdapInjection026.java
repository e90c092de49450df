package org.example.corpus.ldapinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// ok: ldap-injection
@WebServlet(value = "/ldap-injection/LdapInjection026")
public class LdapInjection026 extends HttpServlet {

    private static final long serialVersionUID = 1L;

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
            javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext();
            String filter = "(&(objectclass=person)(uid=" + bar + "))";
            ctx.search("ou=users,ou=system", filter, new javax.naming.directory.SearchControls());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
