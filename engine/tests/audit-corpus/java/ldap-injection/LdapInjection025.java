package org.example.corpus.ldapinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: ldap-injection (on the marked line)
@WebServlet(value = "/ldap-injection/LdapInjection025")
public class LdapInjection025 extends HttpServlet {

    private static final long serialVersionUID = 1L;

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
            javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext();
            String filter = "(&(objectclass=person)(uid=" + bar + "))";
            ctx.search("ou=users,ou=system", filter, new javax.naming.directory.SearchControls());  // expect: ldap-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
