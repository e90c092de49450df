// A servlet with classic mistakes.
import java.io.*;
import java.security.MessageDigest;
import java.sql.*;
import javax.crypto.Cipher;
import javax.servlet.http.*;
import javax.xml.parsers.DocumentBuilderFactory;

public class UserController extends HttpServlet {
    private Connection conn;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String id = request.getParameter("id");
        Statement stmt = conn.createStatement();
        ResultSet rs = stmt.executeQuery("SELECT * FROM users WHERE id = '" + id + "'");
        response.getWriter().println("<h1>" + request.getParameter("name") + "</h1>");
        Runtime.getRuntime().exec("ping -c 1 " + request.getParameter("host"));
        response.sendRedirect(request.getParameter("next"));
    }

    Object readSession(InputStream in) throws Exception {
        return new ObjectInputStream(in).readObject();
    }

    byte[] hash(byte[] data) throws Exception {
        return MessageDigest.getInstance("MD5").digest(data);
    }

    Cipher cipher() throws Exception {
        return Cipher.getInstance("AES");
    }

    Object parse(InputStream in) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
}
