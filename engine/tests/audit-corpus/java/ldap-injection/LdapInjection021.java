package org.example.corpus.ldapinjection;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// expect: ldap-injection (on the marked line)
@WebServlet(value = "/ldap-injection/LdapInjection021")
public class LdapInjection021 extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static String doSomething(HttpServletRequest request, String value) {
        return value + "_checked";
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getHeader("X-Name");
        String bar = doSomething(request, param);
        try {
            javax.naming.directory.InitialDirContext idc = new javax.naming.directory.InitialDirContext();
            idc.search("ou=users,ou=system", "(&(objectclass=person)(|(uid=" + bar + ")(street={0})))", new Object[] {"The streetz 4 Ms bar"}, new javax.naming.directory.SearchControls());  // expect: ldap-injection
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
