package org.example.corpus.ldapinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: ldap-injection (on the marked line)
@WebServlet(value = "/ldap-injection/LdapInjection027")
public class LdapInjection027 extends HttpServlet {

    private static final long serialVersionUID = 1L;

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
            javax.naming.directory.InitialDirContext idc = new javax.naming.directory.InitialDirContext();
            idc.search("ou=users,ou=system", "(&(objectclass=person)(|(uid=" + bar + ")(street={0})))", new Object[] {"The streetz 4 Ms bar"}, new javax.naming.directory.SearchControls());  // expect: ldap-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
