#!/usr/bin/env python3
"""Generates the labelled audit corpus under engine/tests/audit-corpus/<language>/.

Deterministic: the same script always writes the same files (it first removes the files it wrote
before, listed in MANIFEST). Run it from anywhere: `python3 engine/tests/audit-corpus/generate.py`.

Each generated file is one case, written in the shape real code has (servlets and Spring
controllers, Express handlers and NestJS controllers, Flask and Django views, Go net/http and gin
handlers, axum and actix handlers) and marked in the file:

- a vulnerable case carries `expect: <category>` in a comment on the line of the flaw;
- a safe case carries `ok: <category>` in a comment near the top: no finding of that category
  may be reported anywhere in the file.

Categories are the rule categories of `engine/rules` (sql-injection, xss, weak-crypto, ...).
Taint classes combine request sources x data flows x sinks; every class also gets sanitised
variants (the framework's own escaping or safe API) and the tricky-safe shapes whose value never
reaches the sink (a branch on a constant condition, a map key never read, a list element removed
before the read, a helper returning a constant, a switch on a constant), each next to the
vulnerable twin that differs only in the constant, so neither reading can be right by accident.
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.abspath(__file__))
MARK = "@@"
SHAPES = ["ternary", "map", "list", "helper", "switch"]
# Guards before the sink: an allow-list check and a validator, each with an early exit in the
# safe case and the same check without the exit (so it guards nothing) in the vulnerable twin.
GUARDS = ["allowlist", "validator"]


@dataclass
class Case:
    lang: str
    category: str
    vulnerable: bool
    text: str
    ext: str
    stem: str = ""


def dedent(s: str) -> str:
    return textwrap.dedent(s).strip("\n")


def indent(s: str, prefix: str) -> str:
    return "\n".join((prefix + line) if line.strip() else "" for line in s.split("\n"))


def mark(text: str, comment: str, category: str, vulnerable: bool) -> str:
    """Puts the expectation on the marked line (vulnerable) or drops the marker (safe)."""
    out = []
    for line in text.split("\n"):
        if MARK in line:
            line = line.replace(MARK, "")
            if vulnerable:
                line = f"{line.rstrip()}  {comment} expect: {category}"
        out.append(line)
    return "\n".join(out)


def camel(category: str) -> str:
    return "".join(w.capitalize() for w in category.split("-"))


@dataclass
class TaintClass:
    """Sinks taking `{v}` (the value), marked with @@ on the line of the flaw; safe uses of the
    same value (a sanitiser or the safe API), and extra imports or members for the file."""

    sinks: list[str]
    safe: list[str]
    imports: str = ""
    members: str = ""


# ---------------------------------------------------------------------------------------------
# Java
# ---------------------------------------------------------------------------------------------

JAVA_SOURCES = [
    'String param = request.getParameter("name");',
    'String param = request.getHeader("X-Name");',
    dedent('''
        String param = "none";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie c : cookies) {
                if (c.getName().equals("name")) {
                    param = java.net.URLDecoder.decode(c.getValue(), "UTF-8");
                    break;
                }
            }
        }'''),
    dedent('''
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Name");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }'''),
    dedent('''
        java.util.Map<String, String[]> map = request.getParameterMap();
        String param = "";
        if (map != null) {
            String[] values = map.get("name");
            if (values != null) param = values[0];
        }'''),
    'String param = request.getQueryString();',
]

JAVA_FLOWS = {
    "direct": ("String bar = param;", ""),
    "concat": ('String bar = "item-" + param;', ""),
    "builder": (dedent('''
        StringBuilder sb = new StringBuilder();
        sb.append("item-");
        sb.append(param);
        String bar = sb.toString();'''), ""),
    "helper": ("String bar = decorate(param);", dedent('''
        private static String decorate(String value) {
            return value.trim();
        }''')),
    "substring": ('String bar = param.substring(0, Math.min(param.length(), 64));', ""),
}


def java_shape(shape: str, vulnerable: bool) -> tuple[str, str]:
    if shape == "ternary":
        k = 2 if vulnerable else 3
        return (dedent(f'''
            int limit = 86;
            String bar = (limit * {k} > 200) ? "fixed_value" : param;'''), "")
    if shape == "map":
        key = "keyB" if vulnerable else "keyA"
        return (dedent(f'''
            java.util.HashMap<String, Object> values = new java.util.HashMap<String, Object>();
            values.put("keyA", "a_Value");
            values.put("keyB", param);
            values.put("keyC", "another_Value");
            String bar = (String) values.get("{key}");'''), "")
    if shape == "list":
        idx = 0 if vulnerable else 1
        return (dedent(f'''
            java.util.List<String> valuesList = new java.util.ArrayList<String>();
            valuesList.add("safe");
            valuesList.add(param);
            valuesList.add("moresafe");
            valuesList.remove(0);
            String bar = valuesList.get({idx});'''), "")
    if shape == "helper":
        body = 'return value + "_checked";' if vulnerable else 'String fixed = "safe!";\n    return fixed;'
        return ("String bar = doSomething(request, param);", dedent(f'''
            private static String doSomething(HttpServletRequest request, String value) {{
                {body}
            }}'''))
    if shape == "switch":
        sel = 1 if vulnerable else 2
        return (dedent(f'''
            int selector = {sel};
            String bar;
            switch (selector) {{
                case 1:
                    bar = param;
                    break;
                case 2:
                    bar = "bob";
                    break;
                default:
                    bar = "bob's your uncle";
                    break;
            }}'''), "")
    raise ValueError(shape)


JAVA_TAINT = {
    "sql-injection": TaintClass(
        sinks=[
            dedent('''
                java.sql.Statement statement = conn.createStatement();
                statement.executeQuery("SELECT * FROM USERS WHERE USERNAME='" + {v} + "'");@@'''),
            dedent('''
                String sql = "UPDATE USERS SET PASSWORD='foo' WHERE USERNAME='" + {v} + "'";
                java.sql.Statement statement = conn.createStatement();
                statement.executeUpdate(sql);@@'''),
            dedent('''
                java.sql.PreparedStatement ps = conn.prepareStatement("SELECT * FROM USERS WHERE USERNAME='" + {v} + "'");@@
                ps.execute();'''),
            'jdbcTemplate.queryForList("SELECT * FROM USERS WHERE USERNAME=\'" + {v} + "\'");@@',
        ],
        safe=[
            dedent('''
                java.sql.PreparedStatement ps = conn.prepareStatement("SELECT * FROM USERS WHERE USERNAME=?");
                ps.setString(1, {v});
                ps.executeQuery();'''),
            'jdbcTemplate.queryForList("SELECT * FROM USERS WHERE USERNAME=?", {v});',
            dedent('''
                javax.persistence.Query q = em.createQuery("SELECT u FROM User u WHERE u.name = :name");
                q.setParameter("name", {v});
                q.getResultList();'''),
        ],
        members=dedent('''
            private java.sql.Connection conn;
            private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
            private javax.persistence.EntityManager em;'''),
    ),
    "xss": TaintClass(
        sinks=[
            'response.getWriter().println("<p>Hello " + {v} + "</p>");@@',
            'response.getWriter().printf(java.util.Locale.US, "<p>%s</p>", {v});@@',
            'response.getWriter().write({v});@@',
            'response.getWriter().format("<div>" + {v} + "</div>");@@',
        ],
        safe=[
            'response.getWriter().println("<p>Hello " + org.owasp.encoder.Encode.forHtml({v}) + "</p>");',
            'response.getWriter().println("<p>Hello " + org.owasp.esapi.ESAPI.encoder().encodeForHTML({v}) + "</p>");',
            'response.getWriter().write(org.springframework.web.util.HtmlUtils.htmlEscape({v}));',
            'response.getWriter().print(org.apache.commons.text.StringEscapeUtils.escapeHtml4({v}));',
        ],
    ),
    "command-injection": TaintClass(
        sinks=[
            'Runtime.getRuntime().exec(new String[] {"sh", "-c", "echo " + {v}});@@',
            dedent('''
                ProcessBuilder pb = new ProcessBuilder("sh", "-c", "ls " + {v});@@
                pb.start();'''),
            'Process p = Runtime.getRuntime().exec("ping -c 1 " + {v});@@',
        ],
        safe=[
            'Runtime.getRuntime().exec("ping -c 1 " + org.owasp.esapi.ESAPI.encoder().encodeForOS(new org.owasp.esapi.codecs.UnixCodec(), {v}));',
            'Runtime.getRuntime().exec(new String[] {"ping", "-c", "1", String.valueOf(Integer.parseInt({v}))});',
        ],
    ),
    "path-traversal": TaintClass(
        sinks=[
            dedent('''
                java.io.File file = new java.io.File("/var/app/uploads/" + {v});@@
                file.delete();'''),
            dedent('''
                java.io.FileInputStream fis = new java.io.FileInputStream(new java.io.File("/var/app/files", {v}));@@
                fis.close();'''),
            dedent('''
                java.nio.file.Path path = java.nio.file.Paths.get("/var/app/files", {v});@@
                response.getOutputStream().write(java.nio.file.Files.readAllBytes(path));'''),
        ],
        safe=[
            dedent('''
                java.io.File file = new java.io.File("/var/app/uploads/", FilenameUtils.getName({v}));
                file.delete();'''),
            dedent('''
                java.io.FileInputStream fis = new java.io.FileInputStream(new java.io.File("/var/app/files", String.valueOf(Integer.parseInt({v}))));
                fis.close();'''),
        ],
        imports="import org.apache.commons.io.FilenameUtils;",
    ),
    "ssrf": TaintClass(
        sinks=[
            dedent('''
                java.net.URL url = new java.net.URL({v});@@
                url.openConnection().getInputStream().close();'''),
            'restTemplate.getForObject({v}, String.class);@@',
            dedent('''
                java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create({v})).build();@@
                java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());'''),
        ],
        safe=[
            'restTemplate.getForObject("https://api.example.com/items/" + Integer.parseInt({v}), String.class);',
            dedent('''
                java.net.URL url = new java.net.URL("https://api.example.com/items?q=" + java.net.URLEncoder.encode({v}, "UTF-8"));
                url.openConnection().getInputStream().close();'''),
        ],
        members="private org.springframework.web.client.RestTemplate restTemplate;",
    ),
    "open-redirect": TaintClass(
        sinks=[
            'response.sendRedirect({v});@@',
            dedent('''
                response.setStatus(302);
                response.setHeader("Location", {v});@@'''),
        ],
        safe=[
            'response.sendRedirect("/search?q=" + java.net.URLEncoder.encode({v}, "UTF-8"));',
        ],
    ),
    "ldap-injection": TaintClass(
        sinks=[
            dedent('''
                javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext();
                String filter = "(&(objectclass=person)(uid=" + {v} + "))";
                ctx.search("ou=users,ou=system", filter, new javax.naming.directory.SearchControls());@@'''),
            dedent('''
                javax.naming.directory.InitialDirContext idc = new javax.naming.directory.InitialDirContext();
                idc.search("ou=users,ou=system", "(&(objectclass=person)(|(uid=" + {v} + ")(street={0})))", new Object[] {"The streetz 4 Ms bar"}, new javax.naming.directory.SearchControls());@@'''),
        ],
        safe=[
            dedent('''
                javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext();
                ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid={0}))", new Object[] {{v}}, new javax.naming.directory.SearchControls());'''),
            dedent('''
                javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext();
                ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid=" + org.owasp.esapi.ESAPI.encoder().encodeForLDAP({v}) + "))", new javax.naming.directory.SearchControls());'''),
        ],
    ),
    "xpath-injection": TaintClass(
        sinks=[
            dedent('''
                javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
                String expression = "/Employees/Employee[@emplid='" + {v} + "']";
                xp.evaluate(expression, doc, javax.xml.xpath.XPathConstants.NODESET);@@'''),
            dedent('''
                javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
                xp.compile("/Employees/Employee[@emplid='" + {v} + "']").evaluate(doc);@@'''),
        ],
        safe=[
            dedent('''
                javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
                xp.evaluate("/Employees/Employee[@emplid='" + org.owasp.esapi.ESAPI.encoder().encodeForXPath({v}) + "']", doc, javax.xml.xpath.XPathConstants.NODESET);'''),
            dedent('''
                javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
                xp.evaluate("/Employees/Employee[@emplid='" + Integer.parseInt({v}) + "']", doc, javax.xml.xpath.XPathConstants.NODESET);'''),
        ],
        members="private org.w3c.dom.Document doc;",
    ),
    "header-injection": TaintClass(
        sinks=[
            'response.setHeader("X-Request-Name", {v});@@',
            'response.addHeader("Content-Disposition", "attachment; filename=" + {v});@@',
        ],
        safe=[
            'response.setHeader("X-Request-Name", java.net.URLEncoder.encode({v}, "UTF-8"));',
        ],
    ),
    "log-injection": TaintClass(
        sinks=[
            'logger.info("login attempt for " + {v});@@',
            'logger.warning("unknown item " + {v});@@',
        ],
        safe=[
            'logger.info("login attempt for " + org.owasp.encoder.Encode.forJava({v}));',
        ],
        members='private static final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("app");',
    ),
    "nosql-injection": TaintClass(
        sinks=[
            'users.find(org.bson.Document.parse("{ name: \'" + {v} + "\' }")).first();@@',
            'users.find(new com.mongodb.BasicDBObject("$where", "this.name == \'" + {v} + "\'")).first();@@',
        ],
        safe=[
            'users.find(com.mongodb.client.model.Filters.eq("name", {v})).first();',
        ],
        members="private com.mongodb.client.MongoCollection<org.bson.Document> users;",
    ),
    "template-injection": TaintClass(
        sinks=[
            dedent('''
                org.springframework.expression.ExpressionParser parser = new org.springframework.expression.spel.standard.SpelExpressionParser();
                parser.parseExpression({v}).getValue();@@'''),
            dedent('''
                java.io.StringWriter out = new java.io.StringWriter();
                org.apache.velocity.app.Velocity.evaluate(new org.apache.velocity.VelocityContext(), out, "page", "Hello " + {v});@@'''),
        ],
        safe=[
            dedent('''
                org.apache.velocity.VelocityContext context = new org.apache.velocity.VelocityContext();
                context.put("name", {v});
                java.io.StringWriter out = new java.io.StringWriter();
                org.apache.velocity.app.Velocity.evaluate(context, out, "page", "Hello $name");'''),
        ],
    ),
    "trust-boundary": TaintClass(
        sinks=[
            'request.getSession().setAttribute("userid", {v});@@',
            'request.getSession().putValue({v}, "10340");@@',
        ],
        safe=[
            'request.getSession().setAttribute("userid", Integer.parseInt({v}));',
        ],
    ),
    "regex-injection": TaintClass(
        sinks=[
            'java.util.regex.Pattern.compile({v}).matcher("input text").find();@@',
            'boolean ok = "input text".matches({v});@@',
        ],
        safe=[
            'java.util.regex.Pattern.compile(java.util.regex.Pattern.quote({v})).matcher("input text").find();',
        ],
    ),
}

JAVA_STATIC = {
    "weak-crypto": (
        [
            'javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("DES/CBC/PKCS5Padding");@@',
            'javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("DESede/ECB/PKCS5Padding");@@',
            'Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");@@',
            'Cipher c = Cipher.getInstance("RC4");@@',
            'java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");@@',
            'java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA1", "SUN");@@',
            'MessageDigest md = MessageDigest.getInstance("SHA-1");@@',
            dedent('''
                String alg = "MD5";
                MessageDigest md = MessageDigest.getInstance(alg);@@'''),
            dedent('''
                java.util.Properties props = new java.util.Properties();
                String alg = props.getProperty("hashAlg1", "MD5");
                MessageDigest md = MessageDigest.getInstance(alg);@@'''),
            dedent('''
                java.util.Properties props = new java.util.Properties();
                String alg = props.getProperty("cryptoAlg1", "DESede/ECB/PKCS5Padding");
                Cipher c = Cipher.getInstance(alg);@@'''),
            'javax.crypto.KeyGenerator kg = javax.crypto.KeyGenerator.getInstance("DES");@@',
        ],
        [
            'javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");',
            'Cipher c = Cipher.getInstance("AES/CCM/NoPadding");',
            'java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");',
            'MessageDigest md = MessageDigest.getInstance("SHA-512");',
            dedent('''
                String alg = "SHA-256";
                MessageDigest md = MessageDigest.getInstance(alg);'''),
            dedent('''
                java.util.Properties props = new java.util.Properties();
                String alg = props.getProperty("cryptoAlg2", "AES/GCM/NoPadding");
                Cipher c = Cipher.getInstance(alg);'''),
            'javax.crypto.KeyGenerator kg = javax.crypto.KeyGenerator.getInstance("AES");',
        ],
        "import javax.crypto.Cipher;\nimport java.security.MessageDigest;",
    ),
    "weak-random": (
        [
            dedent('''
                long l = new java.util.Random().nextLong();@@
                String rememberMeKey = Long.toString(l);
                response.addCookie(new javax.servlet.http.Cookie("rememberMe", rememberMeKey));'''),
            dedent('''
                double value = Math.random();@@
                String rememberMeKey = Double.toString(value).substring(2);
                request.getSession().setAttribute("rememberMe", rememberMeKey);'''),
            dedent('''
                int r = new java.util.Random().nextInt(99999);@@
                String token = "token-" + r;
                response.getWriter().println(token);'''),
            dedent('''
                java.util.Random random = new java.util.Random();@@
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                String sessionId = java.util.Base64.getEncoder().encodeToString(bytes);
                request.getSession().setAttribute("sid", sessionId);'''),
            dedent('''
                float rand = new java.util.Random().nextFloat();@@
                String password = "pw" + rand;
                request.getSession().setAttribute("tempPassword", password);'''),
        ],
        [
            dedent('''
                java.security.SecureRandom random = new java.security.SecureRandom();
                String rememberMeKey = Long.toString(random.nextLong());
                response.addCookie(new javax.servlet.http.Cookie("rememberMe", rememberMeKey));'''),
            dedent('''
                byte[] bytes = new byte[16];
                java.security.SecureRandom.getInstance("SHA1PRNG").nextBytes(bytes);
                String sessionId = java.util.Base64.getEncoder().encodeToString(bytes);
                request.getSession().setAttribute("sid", sessionId);'''),
            dedent('''
                String token = java.util.UUID.randomUUID().toString();
                response.getWriter().println(token);'''),
        ],
        "",
    ),
    "insecure-cookie": (
        [
            dedent('''
                javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", "value");
                cookie.setSecure(false);@@
                cookie.setHttpOnly(true);
                response.addCookie(cookie);'''),
            dedent('''
                javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("session", java.util.UUID.randomUUID().toString());@@
                cookie.setPath(request.getRequestURI());
                response.addCookie(cookie);'''),
            dedent('''
                javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("session", "v");
                cookie.setSecure(true);
                cookie.setHttpOnly(false);@@
                response.addCookie(cookie);'''),
        ],
        [
            dedent('''
                javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", "value");
                cookie.setSecure(true);
                cookie.setHttpOnly(true);
                cookie.setPath(request.getRequestURI());
                response.addCookie(cookie);'''),
            dedent('''
                String v = java.util.UUID.randomUUID().toString();
                javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("session", v);
                cookie.setSecure(true);
                cookie.setHttpOnly(true);
                response.addCookie(cookie);'''),
        ],
        "",
    ),
    "cors-misconfiguration": (
        [
            dedent('''
                response.setHeader("Access-Control-Allow-Origin", "*");@@
                response.setHeader("Access-Control-Allow-Credentials", "true");'''),
            dedent('''
                response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));@@
                response.setHeader("Access-Control-Allow-Credentials", "true");'''),
        ],
        [
            dedent('''
                response.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
                response.setHeader("Access-Control-Allow-Credentials", "true");'''),
            'response.setHeader("Access-Control-Allow-Origin", "*");',
        ],
        "",
    ),
    "jwt-verification": (
        [
            'String user = com.auth0.jwt.JWT.decode(request.getHeader("Authorization")).getSubject();@@',
            'Object claims = io.jsonwebtoken.Jwts.parser().parseClaimsJwt(request.getHeader("Authorization")).getBody();@@',
        ],
        [
            'String user = com.auth0.jwt.JWT.require(com.auth0.jwt.algorithms.Algorithm.HMAC256(System.getenv("JWT_KEY"))).build().verify(request.getHeader("Authorization")).getSubject();',
            'Object claims = io.jsonwebtoken.Jwts.parser().setSigningKey(System.getenv("JWT_KEY")).parseClaimsJws(request.getHeader("Authorization")).getBody();',
        ],
        "",
    ),
    "insecure-temp-file": (
        [
            'new java.io.FileOutputStream("/tmp/report.csv").write(new byte[0]);@@',
            'java.io.File f = new java.io.File(System.getProperty("java.io.tmpdir") + "/upload.bin");@@',
        ],
        [
            'java.nio.file.Files.write(java.nio.file.Files.createTempFile("report", ".csv"), new byte[0]);',
            'java.io.File f = java.io.File.createTempFile("upload", ".bin");',
        ],
        "",
    ),
    "hardcoded-secret": (
        [
            'java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mysql://db/app", "app", "S3cr3tPassw0rd");@@',
            'String url = "jdbc:postgresql://app:Tr0ub4dor3@db.internal:5432/app";@@',
            'String apiKey = "sk_live_51HxQ2eLkdP9vT8nB3mQ7rZ";@@',
        ],
        [
            'java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mysql://db/app", "app", System.getenv("DB_PASSWORD"));',
            'String url = System.getenv("DATABASE_URL");',
        ],
        "",
    ),
    "deserialization": (
        [
            dedent('''
                java.io.ObjectInputStream in = new java.io.ObjectInputStream(request.getInputStream());@@
                Object o = in.readObject();'''),
            dedent('''
                java.beans.XMLDecoder d = new java.beans.XMLDecoder(request.getInputStream());@@
                Object o = d.readObject();'''),
        ],
        [
            dedent('''
                com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                java.util.Map<?, ?> o = mapper.readValue(request.getInputStream(), java.util.Map.class);'''),
        ],
        "",
    ),
    "xxe": (
        [
            dedent('''
                javax.xml.parsers.DocumentBuilderFactory dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();@@
                dbf.newDocumentBuilder().parse(request.getInputStream());'''),
            dedent('''
                javax.xml.parsers.SAXParserFactory spf = javax.xml.parsers.SAXParserFactory.newInstance();@@
                spf.newSAXParser().parse(request.getInputStream(), new org.xml.sax.helpers.DefaultHandler());'''),
        ],
        [
            dedent('''
                javax.xml.parsers.DocumentBuilderFactory dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
                dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                dbf.newDocumentBuilder().parse(request.getInputStream());'''),
        ],
        "",
    ),
}


def java_guard(guard: str, vulnerable: bool) -> str:
    exit_ = 'System.err.println("unexpected value");' if vulnerable else 'throw new IllegalArgumentException("bad value");'
    if guard == "allowlist":
        check = 'java.util.Set<String> allowed = java.util.Set.of("alpha", "beta");\nif (!allowed.contains(param)) {'
    else:
        check = 'if (param == null || !param.matches("[A-Za-z0-9_]+")) {'
    return f"{check}\n    {exit_}\n}}\nString bar = param;"


def java_servlet(name: str, category: str, header: str, imports: str, body: str, members: str) -> str:
    parts = [
        f"package org.example.corpus.{category.replace('-', '')};",
        "",
        "import java.io.IOException;",
        "import javax.servlet.ServletException;",
        "import javax.servlet.annotation.WebServlet;",
        "import javax.servlet.http.HttpServlet;",
        "import javax.servlet.http.HttpServletRequest;",
        "import javax.servlet.http.HttpServletResponse;",
    ]
    if imports:
        parts.append(imports)
    parts += [
        "",
        header,
        f'@WebServlet(value = "/{category}/{name}")',
        f"public class {name} extends HttpServlet {{",
        "",
        "    private static final long serialVersionUID = 1L;",
    ]
    if members:
        parts += [indent(members, "    ")]
    parts += [
        "",
        "    @Override",
        "    public void doPost(HttpServletRequest request, HttpServletResponse response)",
        "            throws ServletException, IOException {",
        '        response.setContentType("text/html;charset=UTF-8");',
        indent(body, "        "),
        "    }",
        "}",
        "",
    ]
    return "\n".join(parts)


def java_spring(name: str, category: str, header: str, imports: str, body: str, members: str) -> str:
    parts = [
        f"package org.example.corpus.{category.replace('-', '')};",
        "",
        "import javax.servlet.http.HttpServletRequest;",
        "import javax.servlet.http.HttpServletResponse;",
        "import org.springframework.web.bind.annotation.GetMapping;",
        "import org.springframework.web.bind.annotation.RequestParam;",
        "import org.springframework.web.bind.annotation.RestController;",
    ]
    if imports:
        parts.append(imports)
    parts += ["", header, "@RestController", f"public class {name} {{"]
    if members:
        parts += [indent(members, "    ")]
    parts += [
        "",
        f'    @GetMapping("/{category}/{name.lower()}")',
        '    public String handle(@RequestParam("name") String param, HttpServletRequest request,',
        "            HttpServletResponse response) throws Exception {",
        indent(body, "        "),
        '        return "ok";',
        "    }",
        "}",
        "",
    ]
    return "\n".join(parts)


def java_body(source: str, flow: str, sink: str) -> str:
    return "\n".join([source, flow, "try {", indent(sink, "    "),
                      "} catch (Exception e) {", "    throw new ServletException(e);", "}"])


def java_cases() -> list[Case]:
    cases: list[Case] = []
    counter: dict[str, int] = {}

    def add(category: str, vulnerable: bool, spring: bool, source: str, flow: str, sink: str,
            imports: str, members: str) -> None:
        n = counter.get(category, 0) + 1
        counter[category] = n
        name = f"{camel(category)}{n:03d}"
        header = (f"// expect: {category} (on the marked line)" if vulnerable
                  else f"// ok: {category}")
        sink = mark(sink, "//", category, vulnerable)
        if spring:
            body = "\n".join([flow, sink]) if flow else sink
            text = java_spring(name, category, header, imports, body, members)
        else:
            body = java_body(source, flow, sink)
            text = java_servlet(name, category, header, imports, body, members)
        cases.append(Case("java", category, vulnerable, text, "java", name))

    for category, tc in JAVA_TAINT.items():
        for i, sink_t in enumerate(tc.sinks):
            for j in range(2):
                source = JAVA_SOURCES[(i * 2 + j) % len(JAVA_SOURCES)]
                add(category, True, False, source, "String bar = param;", sink_t.replace("{v}", "bar"),
                    tc.imports, tc.members)
        for i, flow_name in enumerate(["concat", "builder", "helper", "substring"]):
            flow, helper = JAVA_FLOWS[flow_name]
            sink_t = tc.sinks[i % len(tc.sinks)]
            add(category, True, False, JAVA_SOURCES[i % 3], flow, sink_t.replace("{v}", "bar"),
                tc.imports, "\n\n".join(x for x in [tc.members, helper] if x))
        # Spring: the parameter is bound from the request.
        add(category, True, True, "", "", tc.sinks[0].replace("{v}", "param"), tc.imports, tc.members)
        for i, safe_t in enumerate(tc.safe):
            add(category, False, False, JAVA_SOURCES[i % 3], "String bar = param;",
                safe_t.replace("{v}", "bar"), tc.imports, tc.members)
            add(category, False, True, "", "", safe_t.replace("{v}", "param"), tc.imports, tc.members)
        add(category, False, False, JAVA_SOURCES[0], 'String bar = "constant-value";',
            tc.sinks[0].replace("{v}", "bar"), tc.imports, tc.members)
        for k, shape in enumerate(SHAPES):
            sink_t = tc.sinks[k % len(tc.sinks)].replace("{v}", "bar")
            for vulnerable in (True, False):
                flow, helper = java_shape(shape, vulnerable)
                add(category, vulnerable, False, JAVA_SOURCES[k % 2], flow, sink_t, tc.imports,
                    "\n\n".join(x for x in [tc.members, helper] if x))
        for k, guard in enumerate(GUARDS):
            sink_t = tc.sinks[k % len(tc.sinks)].replace("{v}", "bar")
            for vulnerable in (True, False):
                add(category, vulnerable, False, JAVA_SOURCES[k % 2], java_guard(guard, vulnerable), sink_t,
                    tc.imports, tc.members)
    for category, (vulns, safes, imports) in JAVA_STATIC.items():
        for i, v in enumerate(vulns):
            add(category, True, i % 3 == 2, "", "", v, imports, "")
        for i, s in enumerate(safes):
            add(category, False, i % 3 == 2, "", "", s, imports, "")
    # Zip slip: entry names from an uploaded archive.
    zip_vuln = [
        dedent('''
            java.util.zip.ZipInputStream zis = new java.util.zip.ZipInputStream(request.getInputStream());
            java.util.zip.ZipEntry entry;
            while ((entry = zis.getNextEntry()) != null) {
                java.io.File out = new java.io.File("/var/app/extract", entry.getName());@@
                java.nio.file.Files.copy(zis, out.toPath());
            }'''),
        dedent('''
            java.util.zip.ZipInputStream zis = new java.util.zip.ZipInputStream(request.getInputStream());
            java.util.zip.ZipEntry entry = zis.getNextEntry();
            String name = entry.getName();
            java.io.FileOutputStream fos = new java.io.FileOutputStream("/var/app/extract/" + name);@@
            fos.close();'''),
    ]
    zip_safe = [
        dedent('''
            java.util.zip.ZipInputStream zis = new java.util.zip.ZipInputStream(request.getInputStream());
            java.util.zip.ZipEntry entry;
            while ((entry = zis.getNextEntry()) != null) {
                java.io.File out = new java.io.File("/var/app/extract", FilenameUtils.getName(entry.getName()));
                java.nio.file.Files.copy(zis, out.toPath());
            }'''),
    ]
    for v in zip_vuln:
        add("zip-slip", True, False, "", "", v, "import org.apache.commons.io.FilenameUtils;", "")
    for s in zip_safe:
        add("zip-slip", False, False, "", "", s, "import org.apache.commons.io.FilenameUtils;", "")
    return cases


# ---------------------------------------------------------------------------------------------
# Python
# ---------------------------------------------------------------------------------------------

# (framework, statement defining `param`)
PY_SOURCES = [
    ("flask", 'param = request.args.get("name", "")'),
    ("flask", 'param = request.form["name"]'),
    ("django", 'param = request.GET.get("name", "")'),
    ("flask", 'param = request.headers.get("X-Name", "")'),
    ("django", 'param = request.POST["name"]'),
    ("flask", 'param = request.cookies.get("name", "")'),
]

PY_FLOWS = {
    "concat": ('bar = "item-" + param', ""),
    "fstring": ('bar = f"item-{param}"', ""),
    "helper": ("bar = decorate(param)", "def decorate(value):\n    return value.strip()\n"),
    "format": ('bar = "item-{}".format(param)', ""),
}


def py_shape(shape: str, vulnerable: bool) -> tuple[str, str]:
    if shape == "ternary":
        k = 2 if vulnerable else 3
        return (dedent(f'''
            limit = 86
            bar = "fixed_value" if limit * {k} > 200 else param'''), "")
    if shape == "map":
        key = "keyB" if vulnerable else "keyA"
        return (dedent(f'''
            values = {{"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}}
            bar = values["{key}"]'''), "")
    if shape == "list":
        idx = 0 if vulnerable else 1
        return (dedent(f'''
            values_list = ["safe", param, "moresafe"]
            values_list.pop(0)
            bar = values_list[{idx}]'''), "")
    if shape == "helper":
        body = 'return value + "_checked"' if vulnerable else 'fixed = "safe!"\n    return fixed'
        return ("bar = do_something(param)", f"def do_something(value):\n    {body}\n")
    if shape == "switch":
        sel = 1 if vulnerable else 2
        return (dedent(f'''
            selector = {sel}
            match selector:
                case 1:
                    bar = param
                case 2:
                    bar = "bob"
                case _:
                    bar = "bob's your uncle"'''), "")
    raise ValueError(shape)


PY_TAINT = {
    "sql-injection": TaintClass(
        sinks=[
            'cursor.execute("SELECT * FROM users WHERE name = \'" + {v} + "\'")@@',
            'cursor.execute(f"UPDATE users SET seen = 1 WHERE name = \'{{v}}\'")@@',
            'cursor.execute("SELECT * FROM users WHERE name = \'%s\'" % {v})@@',
            'User.objects.raw("SELECT * FROM app_user WHERE name = \'" + {v} + "\'")@@',
        ],
        safe=[
            'cursor.execute("SELECT * FROM users WHERE name = %s", ({v},))',
            'User.objects.raw("SELECT * FROM app_user WHERE name = %s", [{v}])',
            'db.session.execute(text("SELECT * FROM users WHERE name = :name"), {"name": {v}})',
        ],
        imports="from sqlalchemy import text\nfrom app.db import cursor, db\nfrom app.models import User",
    ),
    "xss": TaintClass(
        sinks=[
            'return make_response("<p>Hello " + {v} + "</p>")@@',
            'return Markup("<p>Hello %s</p>" % {v})@@',
            'return HttpResponse("<p>Hello " + {v} + "</p>")@@',
            'return mark_safe("<p>" + {v} + "</p>")@@',
        ],
        safe=[
            'return make_response("<p>Hello " + escape({v}) + "</p>")',
            'return HttpResponse("<p>Hello " + html.escape({v}) + "</p>")',
            'return Markup("<p>Hello %s</p>" % bleach.clean({v}))',
            'return render_template("hello.html", name={v})',
        ],
        imports="import html\nimport bleach\nfrom markupsafe import Markup, escape\nfrom django.http import HttpResponse\nfrom django.utils.safestring import mark_safe\nfrom flask import make_response, render_template",
    ),
    "command-injection": TaintClass(
        sinks=[
            'os.system("ping -c 1 " + {v})@@',
            'subprocess.run("ls " + {v}, shell=True)@@',
            'subprocess.check_output(f"grep {{v}} /var/log/app.log", shell=True)@@',
            'os.popen("nslookup " + {v}).read()@@',
        ],
        safe=[
            'os.system("ping -c 1 " + shlex.quote({v}))',
            'subprocess.run(["ls", "--", {v}], check=False)',
            'subprocess.run("ls " + shlex.quote({v}), shell=True)',
        ],
        imports="import os\nimport shlex\nimport subprocess",
    ),
    "path-traversal": TaintClass(
        sinks=[
            'return open("/var/app/files/" + {v}).read()@@',
            'return send_file(os.path.join("/var/app/files", {v}))@@',
            'os.remove(os.path.join("/var/app/uploads", {v}))@@',
        ],
        safe=[
            'return open("/var/app/files/" + os.path.basename({v})).read()',
            'return send_file(os.path.join("/var/app/files", secure_filename({v})))',
            'return send_from_directory("/var/app/files", {v})',
        ],
        imports="import os\nfrom flask import send_file, send_from_directory\nfrom werkzeug.utils import secure_filename",
    ),
    "ssrf": TaintClass(
        sinks=[
            'return requests.get({v}, timeout=5).text@@',
            'return urllib.request.urlopen({v}).read()@@',
            'return httpx.post("http://" + {v} + "/hook", timeout=5).text@@',
        ],
        safe=[
            'return requests.get("https://api.example.com/items/" + str(int({v})), timeout=5).text',
            'return requests.get("https://api.example.com/search", params={"q": {v}}, timeout=5).text',
        ],
        imports="import urllib.request\nimport httpx\nimport requests",
    ),
    "open-redirect": TaintClass(
        sinks=[
            'return redirect({v})@@',
            'return HttpResponseRedirect({v})@@',
        ],
        safe=[
            'return redirect(url_for("search", q={v}))',
            'return redirect({v} if url_has_allowed_host_and_scheme({v}, allowed_hosts={"example.com"}) else "/")',
        ],
        imports="from flask import redirect, url_for\nfrom django.http import HttpResponseRedirect\nfrom django.utils.http import url_has_allowed_host_and_scheme",
    ),
    "ldap-injection": TaintClass(
        sinks=[
            'return str(conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + {v} + ")"))@@',
            'return str(ldap_conn.search("ou=users,dc=example,dc=com", f"(&(objectClass=person)(cn={{v}}))"))@@',
        ],
        safe=[
            'return str(conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars({v}) + ")"))',
            'return str(conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, ldap.filter.filter_format("(uid=%s)", [{v}])))',
        ],
        imports="import ldap\nimport ldap.filter\nfrom ldap3.utils.conv import escape_filter_chars\nfrom app.directory import conn, ldap_conn",
    ),
    "xpath-injection": TaintClass(
        sinks=[
            'return str(tree.xpath("//user[@name=\'" + {v} + "\']"))@@',
            'return str(etree.XPath("//user[@name=\'%s\']" % {v})(tree))@@',
        ],
        safe=[
            'return str(tree.xpath("//user[@name=$name]", name={v}))',
            'return str(tree.xpath("//user[@id=\'" + str(int({v})) + "\']"))',
        ],
        imports="from lxml import etree\ntree = etree.parse(\"users.xml\")",
    ),
    "header-injection": TaintClass(
        sinks=[
            'resp = make_response("ok")\nresp.headers["Content-Disposition"] = "attachment; filename=" + {v}@@\nreturn resp',
            'response = HttpResponse("ok")\nresponse["X-Request-Name"] = {v}@@\nreturn response',
        ],
        safe=[
            'resp = make_response("ok")\nresp.headers["Content-Disposition"] = "attachment; filename=" + quote({v})\nreturn resp',
        ],
        imports="from urllib.parse import quote\nfrom django.http import HttpResponse\nfrom flask import make_response",
    ),
    "log-injection": TaintClass(
        sinks=[
            'logger.info("login attempt for " + {v})@@\nreturn "ok"',
            'logging.warning("unknown item %s" % {v})@@\nreturn "ok"',
        ],
        safe=[
            'logger.info("login attempt for %s", repr({v}))\nreturn "ok"',
        ],
        imports="import logging\nlogger = logging.getLogger(__name__)",
    ),
    "nosql-injection": TaintClass(
        sinks=[
            'return str(db.users.find_one({"name": {v}}))@@',
            'return str(db.users.find({"$where": "this.name == \'" + {v} + "\'"}))@@',
        ],
        safe=[
            'return str(db.users.find_one({"name": str({v})}))',
        ],
        imports="from app.mongo import db",
    ),
    "template-injection": TaintClass(
        sinks=[
            'return render_template_string("<h1>Hello " + {v} + "</h1>")@@',
            'return Template("Hello " + {v}).render()@@',
            'return Environment().from_string({v}).render()@@',
        ],
        safe=[
            'return render_template_string("<h1>Hello {{ name }}</h1>", name={v})',
            'return Template("Hello {{ name }}").render(name={v})',
        ],
        imports="from flask import render_template_string\nfrom jinja2 import Environment, Template",
    ),
    "trust-boundary": TaintClass(
        sinks=[
            'session["user_id"] = {v}@@\nreturn "ok"',
            'request.session["role"] = {v}@@\nreturn "ok"',
        ],
        safe=[
            'session["user_id"] = int({v})\nreturn "ok"',
        ],
        imports="from flask import session",
    ),
    "regex-injection": TaintClass(
        sinks=[
            'return str(bool(re.search({v}, "input text")))@@',
            'pattern = re.compile({v})@@\nreturn str(bool(pattern.match("input text")))',
        ],
        safe=[
            'return str(bool(re.search(re.escape({v}), "input text")))',
        ],
        imports="import re",
    ),
}

PY_STATIC = {
    "weak-crypto": (
        [
            'digest = hashlib.md5(data).hexdigest()@@',
            'digest = hashlib.sha1(data).hexdigest()@@',
            'digest = hashlib.new("md5", data).hexdigest()@@',
            'cipher = DES.new(key, DES.MODE_ECB)@@',
            'cipher = Cipher(algorithms.AES(key), modes.ECB())@@',
            'cipher = ARC4.new(key)@@',
        ],
        [
            'digest = hashlib.sha256(data).hexdigest()',
            'digest = hashlib.new("sha256", data).hexdigest()',
            'cipher = AES.new(key, AES.MODE_GCM)',
            'digest = hashlib.md5(data, usedforsecurity=False).hexdigest()',
        ],
        "import hashlib\nfrom Crypto.Cipher import AES, ARC4, DES\nfrom cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\ndata = b\"payload\"\nkey = bytes(16)",
    ),
    "weak-random": (
        [
            'token = "".join(random.choice(string.ascii_letters) for _ in range(32))@@\nsession["reset_token"] = token',
            'session_id = str(random.getrandbits(64))@@\nsession["sid"] = session_id',
            'password = str(random.randint(100000, 999999))@@\nsession["otp"] = password',
            'nonce = random.random()@@\nsession["nonce"] = nonce',
        ],
        [
            'token = secrets.token_urlsafe(32)\nsession["reset_token"] = token',
            'session_id = uuid.uuid4().hex\nsession["sid"] = session_id',
            'password = "".join(secrets.choice(string.digits) for _ in range(6))\nsession["otp"] = password',
        ],
        "import random\nimport secrets\nimport string\nimport uuid\nfrom flask import session",
    ),
    "insecure-cookie": (
        [
            'resp = make_response("ok")\nresp.set_cookie("session", new_session())@@\nreturn resp',
            'resp = make_response("ok")\nresp.set_cookie("session", new_session(), secure=False, httponly=True)@@\nreturn resp',
            'resp = make_response("ok")\nresp.set_cookie("session", new_session(), secure=True, httponly=False)@@\nreturn resp',
        ],
        [
            'resp = make_response("ok")\nresp.set_cookie("session", new_session(), secure=True, httponly=True, samesite="Lax")\nreturn resp',
        ],
        "from flask import make_response\nfrom app.auth import new_session",
    ),
    "cors-misconfiguration": (
        [
            'CORS(app, supports_credentials=True)@@',
            'app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)@@',
        ],
        [
            'CORS(app, origins=["https://app.example.com"], supports_credentials=True)',
            'app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)',
        ],
        "from flask_cors import CORS\nfrom fastapi.middleware.cors import CORSMiddleware\nfrom app import app",
    ),
    "jwt-verification": (
        [
            'claims = jwt.decode(token, options={"verify_signature": False})@@\nreturn claims["sub"]',
            'claims = jwt.decode(token, key, algorithms=["none"])@@\nreturn claims["sub"]',
        ],
        [
            'claims = jwt.decode(token, key, algorithms=["RS256"])\nreturn claims["sub"]',
        ],
        "import jwt\nkey = open(\"/etc/app/jwt.pub\").read()\ntoken = \"\"",
    ),
    "insecure-temp-file": (
        [
            'with open("/tmp/report.csv", "w") as f:@@\n    f.write("a,b")',
            'name = tempfile.mktemp()@@\nwith open(name, "w") as f:\n    f.write("a,b")',
        ],
        [
            'with tempfile.NamedTemporaryFile("w", delete=False) as f:\n    f.write("a,b")',
            'fd, name = tempfile.mkstemp()\nos.write(fd, b"a,b")',
        ],
        "import os\nimport tempfile",
    ),
    "hardcoded-secret": (
        [
            'engine = create_engine("postgresql://app:Tr0ub4dor3@db.internal:5432/app")@@',
            'API_KEY = "q8Zr2LmX4vN7pK1sT9wY3bC6"@@',
            'conn = psycopg2.connect(host="db", user="app", password="Hunter2Secret!")@@',
        ],
        [
            'engine = create_engine(os.environ["DATABASE_URL"])',
            'API_KEY = os.environ["API_KEY"]',
            'conn = psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])',
        ],
        "import os\nimport psycopg2\nfrom sqlalchemy import create_engine",
    ),
    "deserialization": (
        [
            'obj = pickle.loads(request.data)@@\nreturn str(obj)',
            'obj = yaml.load(request.data, Loader=yaml.Loader)@@\nreturn str(obj)',
        ],
        [
            'obj = json.loads(request.data)\nreturn str(obj)',
            'obj = yaml.safe_load(request.data)\nreturn str(obj)',
        ],
        "import json\nimport pickle\nimport yaml\nfrom flask import request",
    ),
    "xxe": (
        [
            'tree = etree.fromstring(request.data, etree.XMLParser(resolve_entities=True))@@\nreturn tree.tag',
            'doc = xml.dom.minidom.parseString(request.data)@@\nreturn doc.documentElement.tagName',
        ],
        [
            'tree = defusedxml.ElementTree.fromstring(request.data)\nreturn tree.tag',
        ],
        "import xml.dom.minidom\nimport defusedxml.ElementTree\nfrom lxml import etree\nfrom flask import request",
    ),
}


def py_guard(guard: str, vulnerable: bool) -> str:
    exit_ = 'print("unexpected value")' if vulnerable else 'return "bad request", 400'
    if guard == "allowlist":
        check = 'if param not in ("alpha", "beta"):'
    else:
        check = "if not param.isalnum():"
    return f"{check}\n    {exit_}\nbar = param"


def py_handler(framework: str, name: str, source: str, body: str) -> str:
    if framework == "django":
        head = f"def {name}(request):"
    else:
        head = f'@app.route("/{name}", methods=["GET", "POST"])\ndef {name}():'
    lines = [head]
    if source:
        lines.append(indent(source, "    "))
    lines.append(indent(body, "    "))
    return "\n".join(lines)


def py_cases() -> list[Case]:
    cases: list[Case] = []
    counter: dict[str, int] = {}

    def add(category, vulnerable, framework, source, flow, sink, imports, helper=""):
        n = counter.get(category, 0) + 1
        counter[category] = n
        stem = f"{category.replace('-', '_')}_{n:03d}"
        header = (f"# expect: {category} (on the marked line)" if vulnerable else f"# ok: {category}")
        sink = mark(sink, "#", category, vulnerable)
        top = [header, ""]
        if framework == "flask":
            top.append("from flask import Flask, request")
        if imports:
            top.append(imports)
        if framework == "flask":
            top += ["", "app = Flask(__name__)"]
        body = "\n".join(x for x in [flow, sink] if x)
        parts = ["\n".join(top), ""]
        if helper:
            parts += [helper]
        parts += [py_handler(framework, f"view_{n:03d}", source, body), ""]
        cases.append(Case("python", category, vulnerable, "\n".join(parts), "py", stem))

    for category, tc in PY_TAINT.items():
        for i, sink_t in enumerate(tc.sinks):
            for j in range(2):
                fw, source = PY_SOURCES[(i * 2 + j) % len(PY_SOURCES)]
                add(category, True, fw, source, "bar = param", sink_t.replace("{v}", "bar"), tc.imports)
        for i, flow_name in enumerate(PY_FLOWS):
            flow, helper = PY_FLOWS[flow_name]
            fw, source = PY_SOURCES[i % 3]
            add(category, True, fw, source, flow, tc.sinks[i % len(tc.sinks)].replace("{v}", "bar"),
                tc.imports, helper)
        # Direct use of the request value, no intermediate variable.
        add(category, True, "flask", "", "", tc.sinks[0].replace("{v}", 'request.args["name"]'), tc.imports)
        for i, safe_t in enumerate(tc.safe):
            for j in range(2):
                fw, source = PY_SOURCES[(i + j) % len(PY_SOURCES)]
                add(category, False, fw, source, "bar = param", safe_t.replace("{v}", "bar"), tc.imports)
        add(category, False, "flask", PY_SOURCES[0][1], 'bar = "constant-value"',
            tc.sinks[0].replace("{v}", "bar"), tc.imports)
        for k, shape in enumerate(SHAPES):
            sink_t = tc.sinks[k % len(tc.sinks)].replace("{v}", "bar")
            for vulnerable in (True, False):
                flow, helper = py_shape(shape, vulnerable)
                fw, source = PY_SOURCES[k % 2]
                add(category, vulnerable, fw, source, flow, sink_t, tc.imports, helper)
        for k, guard in enumerate(GUARDS):
            sink_t = tc.sinks[k % len(tc.sinks)].replace("{v}", "bar")
            for vulnerable in (True, False):
                fw, source = PY_SOURCES[k % 2]
                add(category, vulnerable, fw, source, py_guard(guard, vulnerable), sink_t, tc.imports)
    for category, (vulns, safes, imports) in PY_STATIC.items():
        for v in vulns:
            add(category, True, "flask", "", "", v, imports)
        for s in safes:
            add(category, False, "flask", "", "", s, imports)
    zip_vuln = [
        dedent('''
            with zipfile.ZipFile(request.files["archive"]) as zf:
                for name in zf.namelist():
                    with open(os.path.join("/var/app/extract", name), "wb") as out:@@
                        out.write(zf.read(name))
            return "ok"'''),
        dedent('''
            with tarfile.open(fileobj=request.files["archive"]) as tf:
                for member in tf.getmembers():
                    target = os.path.join("/var/app/extract", member.name)
                    with open(target, "wb") as out:@@
                        out.write(tf.extractfile(member).read())
            return "ok"'''),
    ]
    zip_safe = [
        dedent('''
            with zipfile.ZipFile(request.files["archive"]) as zf:
                for name in zf.namelist():
                    with open(os.path.join("/var/app/extract", os.path.basename(name)), "wb") as out:
                        out.write(zf.read(name))
            return "ok"'''),
        dedent('''
            with zipfile.ZipFile(request.files["archive"]) as zf:
                zf.extractall("/var/app/extract")
            return "ok"'''),
    ]
    for v in zip_vuln:
        add("zip-slip", True, "flask", "", "", v, "import os\nimport tarfile\nimport zipfile")
    for s in zip_safe:
        add("zip-slip", False, "flask", "", "", s, "import os\nimport tarfile\nimport zipfile")
    return cases


# ---------------------------------------------------------------------------------------------
# JavaScript and TypeScript (Express, NestJS, React)
# ---------------------------------------------------------------------------------------------

JS_SOURCES = [
    "const param = req.query.name;",
    "const param = req.body.name;",
    "const param = req.params.id;",
    'const param = req.get("X-Name");',
    "const param = req.cookies.name;",
    "const { name: param } = req.query;",
]

JS_FLOWS = {
    "concat": ('const bar = "item-" + param;', ""),
    "template": ("const bar = `item-${param}`;", ""),
    "helper": ("const bar = decorate(param);", "function decorate(value) {\n  return String(value).trim();\n}\n"),
    "chain": ('const bar = param.toString().trim().toLowerCase();', ""),
}


def js_shape(shape: str, vulnerable: bool, ts: bool) -> tuple[str, str]:
    t = ": string" if ts else ""
    if shape == "ternary":
        k = 2 if vulnerable else 3
        return (f'const limit = 86;\nconst bar = limit * {k} > 200 ? "fixed_value" : param;', "")
    if shape == "map":
        key = "keyB" if vulnerable else "keyA"
        gen = "<string, string>" if ts else ""
        return (dedent(f'''
            const values = new Map{gen}();
            values.set("keyA", "a_Value");
            values.set("keyB", param);
            values.set("keyC", "another_Value");
            const bar = values.get("{key}");'''), "")
    if shape == "list":
        idx = 0 if vulnerable else 1
        return (dedent(f'''
            const valuesList = ["safe", param, "moresafe"];
            valuesList.shift();
            const bar = valuesList[{idx}];'''), "")
    if shape == "helper":
        body = 'return value + "_checked";' if vulnerable else 'const fixed = "safe!";\n  return fixed;'
        return ("const bar = doSomething(param);", f"function doSomething(value{t}){t} {{\n  {body}\n}}\n")
    if shape == "switch":
        sel = 1 if vulnerable else 2
        return (dedent(f'''
            const selector = {sel};
            let bar{t};
            switch (selector) {{
              case 1:
                bar = param;
                break;
              case 2:
                bar = "bob";
                break;
              default:
                bar = "bob's your uncle";
            }}'''), "")
    raise ValueError(shape)


JS_TAINT = {
    "sql-injection": TaintClass(
        sinks=[
            'db.query("SELECT * FROM users WHERE name = \'" + {v} + "\'", (err, rows) => res.json(rows));@@',
            'const rows = await pool.query(`SELECT * FROM users WHERE name = \'${{v}}\'`);@@\nres.json(rows);',
            'const rows = await knex.raw("SELECT * FROM users WHERE name = \'" + {v} + "\'");@@\nres.json(rows);',
            'const rows = await sequelize.query("UPDATE users SET seen = 1 WHERE name = \'" + {v} + "\'");@@\nres.json(rows);',
        ],
        safe=[
            'db.query("SELECT * FROM users WHERE name = ?", [{v}], (err, rows) => res.json(rows));',
            'const rows = await pool.query("SELECT * FROM users WHERE name = $1", [{v}]);\nres.json(rows);',
            'const rows = await prisma.$queryRaw`SELECT * FROM users WHERE name = ${{v}}`;\nres.json(rows);',
        ],
    ),
    "xss": TaintClass(
        sinks=[
            'res.send("<p>Hello " + {v} + "</p>");@@',
            'res.write(`<div>${{v}}</div>`);@@\nres.end();',
            'res.status(200).send("<h1>" + {v} + "</h1>");@@',
        ],
        safe=[
            'res.send("<p>Hello " + escapeHtml({v}) + "</p>");',
            'res.send("<p>Hello " + DOMPurify.sanitize({v}) + "</p>");',
            'res.render("hello", { name: {v} });',
            'res.json({ name: {v} });',
        ],
        imports='const escapeHtml = require("escape-html");\nconst DOMPurify = require("isomorphic-dompurify");',
    ),
    "command-injection": TaintClass(
        sinks=[
            'exec("ping -c 1 " + {v}, (err, out) => res.send(out));@@',
            'const out = child_process.execSync(`ls ${{v}}`);@@\nres.send(out);',
            'spawn("sh", ["-c", "nslookup " + {v}], { shell: true });@@\nres.end();',
        ],
        safe=[
            'execFile("ping", ["-c", "1", {v}], (err, out) => res.send(out));',
            'const child = spawn("ls", ["--", {v}]);\nchild.stdout.pipe(res);',
        ],
        imports='const child_process = require("child_process");\nconst { exec, execFile, spawn } = child_process;',
    ),
    "path-traversal": TaintClass(
        sinks=[
            'fs.readFile("/var/app/files/" + {v}, (err, data) => res.send(data));@@',
            'res.sendFile(path.join(__dirname, "files", {v}));@@',
            'fs.unlinkSync(path.join("/var/app/uploads", {v}));@@\nres.end();',
        ],
        safe=[
            'fs.readFile("/var/app/files/" + path.basename({v}), (err, data) => res.send(data));',
            'res.sendFile({v}, { root: "/var/app/files" });',
        ],
        imports='const fs = require("fs");\nconst path = require("path");',
    ),
    "ssrf": TaintClass(
        sinks=[
            'const r = await axios.get({v});@@\nres.send(r.data);',
            'const r = await fetch("http://" + {v} + "/api/status");@@\nres.send(await r.text());',
            'http.get({v}, (r) => r.pipe(res));@@',
        ],
        safe=[
            'const r = await axios.get("https://api.example.com/items/" + encodeURIComponent({v}));\nres.send(r.data);',
        ],
        imports='const axios = require("axios");\nconst http = require("http");',
    ),
    "open-redirect": TaintClass(
        sinks=[
            'res.redirect({v});@@',
            'res.redirect(302, {v});@@',
        ],
        safe=[
            'res.redirect("/search?q=" + encodeURIComponent({v}));',
        ],
    ),
    "code-injection": TaintClass(
        sinks=[
            'res.json(eval({v}));@@',
            'const fn = new Function("return " + {v});@@\nres.json(fn());',
            'res.json(vm.runInNewContext({v}, {}));@@',
        ],
        safe=[
            'res.json(JSON.parse({v}));',
            'res.json(Number({v}) * 2);',
        ],
        imports='const vm = require("vm");',
    ),
    "ldap-injection": TaintClass(
        sinks=[
            'client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + {v} + ")" }, (err, r) => res.end());@@',
            'ldapClient.search("ou=users,dc=example,dc=com", { filter: `(&(objectClass=person)(cn=${{v}}))`, scope: "sub" }, (err, r) => res.end());@@',
        ],
        safe=[
            'client.search("ou=users,dc=example,dc=com", { filter: ldapEscape.filter`(uid=${{v}})` }, (err, r) => res.end());',
        ],
        imports='const ldapEscape = require("ldap-escape");',
    ),
    "xpath-injection": TaintClass(
        sinks=[
            'const nodes = xpath.select("//user[@name=\'" + {v} + "\']", doc);@@\nres.json(nodes.length);',
            'const node = xpath.select1(`//user[@id=\'${{v}}\']`, doc);@@\nres.json(Boolean(node));',
        ],
        safe=[
            'const nodes = xpath.parse("//user[@name=$name]").select({ node: doc, variables: { name: {v} } });\nres.json(nodes.length);',
        ],
        imports='const xpath = require("xpath");',
    ),
    "header-injection": TaintClass(
        sinks=[
            'res.setHeader("Content-Disposition", "attachment; filename=" + {v});@@\nres.end();',
            'res.set("X-Request-Name", {v});@@\nres.end();',
        ],
        safe=[
            'res.setHeader("Content-Disposition", "attachment; filename=" + encodeURIComponent({v}));\nres.end();',
        ],
    ),
    "log-injection": TaintClass(
        sinks=[
            'console.log("login attempt for " + {v});@@\nres.end();',
            'logger.warn(`unknown item ${{v}}`);@@\nres.end();',
        ],
        safe=[
            'console.log("login attempt for " + JSON.stringify({v}));\nres.end();',
        ],
        imports='const logger = require("./logger");',
    ),
    "nosql-injection": TaintClass(
        sinks=[
            'const user = await User.findOne({ name: {v} });@@\nres.json(user);',
            'const users = await db.collection("users").find({ $where: "this.name == \'" + {v} + "\'" }).toArray();@@\nres.json(users);',
        ],
        safe=[
            'const user = await User.findOne({ name: String({v}) });\nres.json(user);',
        ],
    ),
    "template-injection": TaintClass(
        sinks=[
            'res.send(ejs.render("<h1>Hello " + {v} + "</h1>"));@@',
            'res.send(pug.compile({v})({}));@@',
            'res.send(Handlebars.compile("Hello " + {v})({}));@@',
        ],
        safe=[
            'res.send(ejs.render("<h1>Hello <%= name %></h1>", { name: {v} }));',
            'res.send(Handlebars.compile("Hello {{name}}")({ name: {v} }));',
        ],
        imports='const ejs = require("ejs");\nconst pug = require("pug");\nconst Handlebars = require("handlebars");',
    ),
    "trust-boundary": TaintClass(
        sinks=[
            'req.session.role = {v};@@\nres.end();',
            'req.session["user"] = {v};@@\nres.end();',
        ],
        safe=[
            'req.session.views = Number({v});\nres.end();',
        ],
    ),
    "regex-injection": TaintClass(
        sinks=[
            'const re = new RegExp({v});@@\nres.json(items.filter((i) => re.test(i)));',
            'res.json(items.filter((i) => new RegExp("^" + {v}).test(i)));@@',
        ],
        safe=[
            'const re = new RegExp(_.escapeRegExp({v}));\nres.json(items.filter((i) => re.test(i)));',
        ],
        imports='const _ = require("lodash");\nconst items = ["a", "b"];',
    ),
}

JS_STATIC = {
    "weak-crypto": (
        [
            'const digest = crypto.createHash("md5").update(data).digest("hex");@@',
            'const digest = crypto.createHash("sha1").update(data).digest("hex");@@',
            'const cipher = crypto.createCipheriv("des-ede3-cbc", key, iv);@@',
            'const cipher = crypto.createCipheriv("aes-128-ecb", key, null);@@',
        ],
        [
            'const digest = crypto.createHash("sha256").update(data).digest("hex");',
            'const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);',
        ],
    ),
    "weak-random": (
        [
            'const token = Math.random().toString(36).slice(2);@@\nres.cookie("reset_token", token, { secure: true, httpOnly: true });',
            'const sessionId = Math.floor(Math.random() * 1e16).toString(16);@@\nreq.session.sid = sessionId;',
            'const password = String(Math.random()).slice(2, 10);@@\nres.json({ password });',
        ],
        [
            'const token = crypto.randomBytes(32).toString("hex");\nres.cookie("reset_token", token, { secure: true, httpOnly: true });',
            'const sessionId = crypto.randomUUID();\nreq.session.sid = sessionId;',
        ],
    ),
    "insecure-cookie": (
        [
            'res.cookie("session", makeSession(), { httpOnly: true });@@\nres.end();',
            'res.cookie("session", makeSession(), { secure: false, httpOnly: true });@@\nres.end();',
            'res.cookie("session", makeSession(), { secure: true, httpOnly: false });@@\nres.end();',
        ],
        [
            'res.cookie("session", makeSession(), { secure: true, httpOnly: true, sameSite: "lax" });\nres.end();',
        ],
    ),
    "cors-misconfiguration": (
        [
            'app.use(cors({ origin: true, credentials: true }));@@',
            'app.enableCors({ origin: "*", credentials: true });@@',
            'res.setHeader("Access-Control-Allow-Origin", req.headers.origin);@@\nres.setHeader("Access-Control-Allow-Credentials", "true");\nres.end();',
        ],
        [
            'app.use(cors({ origin: ["https://app.example.com"], credentials: true }));',
            'app.use(cors({ origin: "*" }));',
        ],
    ),
    "jwt-verification": (
        [
            'const claims = jwt.decode(req.headers.authorization);@@\nres.json(claims.sub);',
            'const claims = jwt.verify(req.headers.authorization, key, { algorithms: ["none"] });@@\nres.json(claims.sub);',
        ],
        [
            'const claims = jwt.verify(req.headers.authorization, key, { algorithms: ["RS256"] });\nres.json(claims.sub);',
        ],
    ),
    "insecure-temp-file": (
        [
            'fs.writeFileSync("/tmp/report.csv", "a,b");@@\nres.end();',
            'fs.writeFileSync(path.join(os.tmpdir(), "upload.bin"), req.body.data);@@\nres.end();',
        ],
        [
            'const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));\nfs.writeFileSync(path.join(dir, "report.csv"), "a,b");\nres.end();',
        ],
    ),
    "hardcoded-secret": (
        [
            'const client = new MongoClient("mongodb+srv://app:Tr0ub4dor3x@cluster0.example.net/app");@@\nres.end();',
            'const apiKey = "sk_live_51HxQ2eLkdP9vT8nB3mQ7rZ";@@\nres.end();',
        ],
        [
            'const client = new MongoClient(process.env.MONGO_URL);\nres.end();',
            'const apiKey = process.env.STRIPE_KEY;\nres.end();',
        ],
    ),
    "deserialization": (
        [
            'const obj = serialize.unserialize(req.body.data);@@\nres.json(obj);',
            'const obj = yaml.load(req.body.data, { schema: yaml.DEFAULT_FULL_SCHEMA });@@\nres.json(obj);',
        ],
        [
            'const obj = JSON.parse(req.body.data);\nres.json(obj);',
        ],
    ),
    "xxe": (
        [
            'const doc = libxmljs.parseXml(req.body, { noent: true });@@\nres.json(doc.root().name());',
        ],
        [
            'const doc = libxmljs.parseXml(req.body, { noent: false });\nres.json(doc.root().name());',
        ],
    ),
}

JS_STATIC_IMPORTS = dedent('''
    const crypto = require("crypto");
    const fs = require("fs");
    const os = require("os");
    const path = require("path");
    const cors = require("cors");
    const jwt = require("jsonwebtoken");
    const yaml = require("js-yaml");
    const libxmljs = require("libxmljs");
    const serialize = require("node-serialize");
    const { MongoClient } = require("mongodb");
    const key = process.env.JWT_KEY;
    const iv = Buffer.alloc(16);
    const data = "payload";
    function makeSession() {
      return crypto.randomUUID();
    }''')


def js_guard(guard: str, vulnerable: bool) -> str:
    exit_ = 'console.warn("unexpected value");' if vulnerable else 'return res.status(400).send("bad request");'
    if guard == "allowlist":
        check = 'const allowed = ["alpha", "beta"];\nif (!allowed.includes(param)) {'
    else:
        check = "if (!/^[A-Za-z0-9_]+$/.test(param)) {"
    return f"{check}\n  {exit_}\n}}\nconst bar = param;"


def ts_imports(js: str) -> str:
    """`require` lines rewritten as ES imports for TypeScript files."""
    out = []
    for line in js.split("\n"):
        m = re.match(r'^const (\{[^}]*\}|\w+) = require\("([^"]+)"\);$', line)
        if m:
            name, module = m.groups()
            if name.startswith("{"):
                out.append(f'import {name} from "{module}";')
            else:
                out.append(f'import {name} from "{module}";' if module.startswith(".") or name in ("cors", "axios", "escapeHtml", "ejs", "pug", "Handlebars", "_", "DOMPurify", "ldapEscape", "logger") else f'import * as {name} from "{module}";')
        else:
            out.append(line)
    return "\n".join(out)


def js_cases(ts: bool) -> list[Case]:
    lang = "typescript" if ts else "javascript"
    ext = "ts" if ts else "js"
    cases: list[Case] = []
    counter: dict[str, int] = {}
    sig = "(req: Request, res: Response)" if ts else "(req, res)"

    def add(category, vulnerable, source, flow, sink, imports, helper="", nest=False, file_ext=None):
        n = counter.get(category, 0) + 1
        counter[category] = n
        stem = f"{category.replace('-', '_')}_{n:03d}"
        header = (f"// expect: {category} (on the marked line)" if vulnerable else f"// ok: {category}")
        sink = mark(sink, "//", category, vulnerable)
        body = "\n".join(x for x in [source, flow, sink] if x)
        if ts:
            imports = ts_imports(imports) if imports else ""
        if nest:
            top = [header, 'import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";',
                   'import { Request, Response } from "express";']
            if imports:
                top.append(imports)
            text = "\n".join(top) + "\n\n" + (helper + "\n" if helper else "") + dedent(f'''
                @Controller("{category}")
                export class Controller{n:03d} {{
                  @Get("{n}")
                  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {{
                ''') + "\n" + indent(body.replace(source, "") if source else body, "    ") + "\n  }\n}\n"
        else:
            top = [header]
            if ts:
                top.append('import express, { Request, Response } from "express";')
            else:
                top.append('const express = require("express");')
            if imports:
                top.append(imports)
            top += ["", "const app = express();", "app.use(express.json());"]
            route = f'app.post("/{category}/{n}", async {sig} => {{'
            text = "\n".join(top) + "\n\n" + (helper + "\n" if helper else "") + route + "\n" + indent(body, "  ") + "\n});\n\napp.listen(3000);\n"
        cases.append(Case(lang, category, vulnerable, text, file_ext or ext, stem))

    for category, tc in JS_TAINT.items():
        for i, sink_t in enumerate(tc.sinks):
            for j in range(2):
                source = JS_SOURCES[(i * 2 + j) % len(JS_SOURCES)]
                add(category, True, source, "const bar = param;", sink_t.replace("{v}", "bar"), tc.imports)
        for i, flow_name in enumerate(JS_FLOWS):
            flow, helper = JS_FLOWS[flow_name]
            if ts:
                helper = helper.replace("decorate(value)", "decorate(value: string): string")
            add(category, True, JS_SOURCES[i % 3], flow, tc.sinks[i % len(tc.sinks)].replace("{v}", "bar"),
                tc.imports, helper)
        add(category, True, "", "", tc.sinks[0].replace("{v}", "req.query.name"), tc.imports)
        if ts:
            add(category, True, "", "", tc.sinks[-1].replace("{v}", "param"), tc.imports, nest=True)
        for i, safe_t in enumerate(tc.safe):
            for j in range(2):
                add(category, False, JS_SOURCES[(i + j) % len(JS_SOURCES)], "const bar = param;",
                    safe_t.replace("{v}", "bar"), tc.imports)
            if ts:
                add(category, False, "", "", safe_t.replace("{v}", "param"), tc.imports, nest=True)
        add(category, False, JS_SOURCES[0], 'const bar = "constant-value";',
            tc.sinks[0].replace("{v}", "bar"), tc.imports)
        for k, shape in enumerate(SHAPES):
            sink_t = tc.sinks[k % len(tc.sinks)].replace("{v}", "bar")
            for vulnerable in (True, False):
                flow, helper = js_shape(shape, vulnerable, ts)
                add(category, vulnerable, JS_SOURCES[k % 2], flow, sink_t, tc.imports, helper)
        for k, guard in enumerate(GUARDS):
            sink_t = tc.sinks[k % len(tc.sinks)].replace("{v}", "bar")
            for vulnerable in (True, False):
                add(category, vulnerable, JS_SOURCES[k % 2], js_guard(guard, vulnerable), sink_t, tc.imports)
    for category, (vulns, safes) in JS_STATIC.items():
        for v in vulns:
            add(category, True, "", "", v, JS_STATIC_IMPORTS)
        for s in safes:
            add(category, False, "", "", s, JS_STATIC_IMPORTS)
    zip_imports = 'const fs = require("fs");\nconst path = require("path");\nconst unzipper = require("unzipper");'
    zip_vuln = [
        'req.pipe(unzipper.Parse()).on("entry", (entry) => {\n  entry.pipe(fs.createWriteStream(path.join("/var/app/extract", entry.path)));@@\n});\nres.end();',
    ]
    zip_safe = [
        'req.pipe(unzipper.Parse()).on("entry", (entry) => {\n  entry.pipe(fs.createWriteStream(path.join("/var/app/extract", path.basename(entry.path))));\n});\nres.end();',
    ]
    for v in zip_vuln:
        add("zip-slip", True, "", "", v, zip_imports)
    for s in zip_safe:
        add("zip-slip", False, "", "", s, zip_imports)
    cases += react_cases(ts, counter)
    return cases


def react_cases(ts: bool, counter: dict[str, int]) -> list[Case]:
    """React components (.jsx / .tsx): markup and URLs from props and the location."""
    lang = "typescript" if ts else "javascript"
    ext = "tsx" if ts else "jsx"
    props = "{ body }: { body: string }" if ts else "{ body }"
    out = []
    variants = [
        ("xss", True, f'export function Comment({props}) {{\n  return <div dangerouslySetInnerHTML={{{{ __html: body }}}} />;@@\n}}'),
        ("xss", True, 'export function Preview() {\n  const q = new URLSearchParams(window.location.search).get("q");\n  useEffect(() => {\n    document.getElementById("out").innerHTML = "<b>" + q + "</b>";@@\n  });\n  return <div id="out" />;\n}'),
        ("xss", False, f'export function Comment({props}) {{\n  return <div dangerouslySetInnerHTML={{{{ __html: DOMPurify.sanitize(body) }}}} />;\n}}'),
        ("xss", False, f'export function Comment({props}) {{\n  return <div className="comment">{{body}}</div>;\n}}'),
        ("xss", False, 'export function Preview() {\n  const q = new URLSearchParams(window.location.search).get("q");\n  useEffect(() => {\n    document.getElementById("out").textContent = q;\n  });\n  return <div id="out" />;\n}'),
        ("open-redirect", True, 'export function After() {\n  const next = new URLSearchParams(window.location.search).get("next");\n  useEffect(() => {\n    window.location.href = next;@@\n  });\n  return null;\n}'),
        ("open-redirect", False, 'export function After() {\n  useEffect(() => {\n    window.location.href = "/home";\n  });\n  return null;\n}'),
        ("code-injection", True, 'export function Calc() {\n  const expr = new URLSearchParams(window.location.search).get("expr");\n  return <span>{eval(expr)}</span>;@@\n}'),
        ("code-injection", False, 'export function Calc() {\n  const expr = new URLSearchParams(window.location.search).get("expr");\n  return <span>{Number(expr) * 2}</span>;\n}'),
        ("weak-random", True, 'export function Invite() {\n  const inviteToken = Math.random().toString(36).slice(2);@@\n  return <a href={"/join?token=" + inviteToken}>join</a>;\n}'),
        ("weak-random", False, 'export function Invite() {\n  const inviteToken = crypto.randomUUID();\n  return <a href={"/join?token=" + inviteToken}>join</a>;\n}'),
    ]
    if ts:
        # Angular components: DomSanitizer bypasses.
        angular = [
            ("xss", True, 'export class CommentComponent {\n  constructor(private sanitizer: DomSanitizer) {}\n  html(body: string): SafeHtml {\n    return this.sanitizer.bypassSecurityTrustHtml(body);@@\n  }\n}'),
            ("xss", True, 'export class FrameComponent {\n  constructor(private sanitizer: DomSanitizer, private route: ActivatedRoute) {}\n  src(): SafeResourceUrl {\n    return this.sanitizer.bypassSecurityTrustResourceUrl(this.route.snapshot.queryParams["u"]);@@\n  }\n}'),
            ("xss", False, 'export class CommentComponent {\n  constructor(private sanitizer: DomSanitizer) {}\n  html(body: string): string | null {\n    return this.sanitizer.sanitize(SecurityContext.HTML, body);\n  }\n}'),
            ("xss", False, 'export class BannerComponent {\n  constructor(private sanitizer: DomSanitizer) {}\n  html(): SafeHtml {\n    return this.sanitizer.bypassSecurityTrustHtml("<b>Welcome</b>");\n  }\n}'),
        ]
        for category, vulnerable, body in angular:
            n = counter.get(category, 0) + 1
            counter[category] = n
            header = (f"// expect: {category} (on the marked line)" if vulnerable else f"// ok: {category}")
            text = "\n".join([header, 'import { Component, SecurityContext } from "@angular/core";',
                              'import { DomSanitizer, SafeHtml, SafeResourceUrl } from "@angular/platform-browser";',
                              'import { ActivatedRoute } from "@angular/router";', "",
                              "@Component({ selector: \"app-view\", template: \"<div [innerHTML]=\\\"html()\\\"></div>\" })",
                              mark(body, "//", category, vulnerable), ""])
            out.append(Case(lang, category, vulnerable, text, "ts", f"{category.replace('-', '_')}_{n:03d}"))
    for category, vulnerable, body in variants:
        n = counter.get(category, 0) + 1
        counter[category] = n
        header = (f"// expect: {category} (on the marked line)" if vulnerable else f"// ok: {category}")
        text = "\n".join([header, 'import React, { useEffect } from "react";', 'import DOMPurify from "dompurify";', "",
                          mark(body, "//", category, vulnerable), ""])
        out.append(Case(lang, category, vulnerable, text, ext, f"{category.replace('-', '_')}_{n:03d}"))
    return out


# ---------------------------------------------------------------------------------------------
# Go (net/http, gin)
# ---------------------------------------------------------------------------------------------

GO_SOURCES = [
    'param := r.URL.Query().Get("name")',
    'param := r.FormValue("name")',
    'param := r.Header.Get("X-Name")',
    dedent('''
        cookie, err := r.Cookie("name")
        if err != nil {
        	http.Error(w, "no cookie", http.StatusBadRequest)
        	return
        }
        param := cookie.Value'''),
    'param := r.PostFormValue("name")',
    'param := r.URL.Query()["name"][0]',
]

GO_FLOWS = {
    "concat": ('bar := "item-" + param', ""),
    "sprintf": ('bar := fmt.Sprintf("item-%s", param)', ""),
    "helper": ("bar := decorate(param)", "func decorate(value string) string {\n\treturn strings.TrimSpace(value)\n}\n"),
    "builder": ("var sb strings.Builder\nsb.WriteString(\"item-\")\nsb.WriteString(param)\nbar := sb.String()", ""),
}


def go_shape(shape: str, vulnerable: bool) -> tuple[str, str]:
    if shape == "ternary":
        k = 2 if vulnerable else 3
        return (f'limit := 86\nvar bar string\nif limit*{k} > 200 {{\n\tbar = "fixed_value"\n}} else {{\n\tbar = param\n}}', "")
    if shape == "map":
        key = "keyB" if vulnerable else "keyA"
        return (f'values := map[string]string{{"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}}\nbar := values["{key}"]', "")
    if shape == "list":
        idx = 0 if vulnerable else 1
        return (f'valuesList := []string{{"safe", param, "moresafe"}}\nvaluesList = valuesList[1:]\nbar := valuesList[{idx}]', "")
    if shape == "helper":
        body = 'return value + "_checked"' if vulnerable else 'fixed := "safe!"\n\treturn fixed'
        return ("bar := doSomething(param)", f"func doSomething(value string) string {{\n\t{body}\n}}\n")
    if shape == "switch":
        sel = 1 if vulnerable else 2
        return (f'selector := {sel}\nvar bar string\nswitch selector {{\ncase 1:\n\tbar = param\ncase 2:\n\tbar = "bob"\ndefault:\n\tbar = "bob\'s your uncle"\n}}', "")
    raise ValueError(shape)


GO_TAINT = {
    "sql-injection": TaintClass(
        sinks=[
            'rows, _ := db.Query("SELECT * FROM users WHERE name = \'" + {v} + "\'")@@\ndefer rows.Close()',
            'db.Exec(fmt.Sprintf("UPDATE users SET seen = 1 WHERE name = \'%s\'", {v}))@@',
            'query := "DELETE FROM sessions WHERE user = \'" + {v} + "\'"\ndb.ExecContext(r.Context(), query)@@',
        ],
        safe=[
            'rows, _ := db.Query("SELECT * FROM users WHERE name = ?", {v})\ndefer rows.Close()',
            'db.ExecContext(r.Context(), "DELETE FROM sessions WHERE user = $1", {v})',
        ],
    ),
    "xss": TaintClass(
        sinks=[
            'fmt.Fprintf(w, "<p>Hello %s</p>", {v})@@',
            'w.Write([]byte("<p>" + {v} + "</p>"))@@',
            'io.WriteString(w, "<div>"+{v}+"</div>")@@',
            'page.Execute(w, template.HTML({v}))@@',
        ],
        safe=[
            'fmt.Fprintf(w, "<p>Hello %s</p>", html.EscapeString({v}))',
            'page.Execute(w, {v})',
            'w.Write([]byte("<p>" + template.HTMLEscapeString({v}) + "</p>"))',
        ],
    ),
    "command-injection": TaintClass(
        sinks=[
            'out, _ := exec.Command("sh", "-c", "ping -c 1 "+{v}).Output()@@\nw.Write(out)',
            'out, _ := exec.Command({v}).Output()@@\nw.Write(out)',
            'exec.CommandContext(r.Context(), "bash", "-c", "nslookup "+{v}).Run()@@',
        ],
        safe=[
            'out, _ := exec.Command("ping", "-c", "1", {v}).Output()\nw.Write(out)',
            'n, _ := strconv.Atoi({v})\nout, _ := exec.Command("sh", "-c", fmt.Sprintf("seq %d", n)).Output()\nw.Write(out)',
        ],
    ),
    "path-traversal": TaintClass(
        sinks=[
            'f, _ := os.Open("/var/app/files/" + {v})@@\ndefer f.Close()',
            'data, _ := os.ReadFile(filepath.Join("/var/app/files", {v}))@@\nw.Write(data)',
            'http.ServeFile(w, r, {v})@@',
        ],
        safe=[
            'data, _ := os.ReadFile(filepath.Join("/var/app/files", filepath.Base({v})))\nw.Write(data)',
        ],
    ),
    "ssrf": TaintClass(
        sinks=[
            'resp, _ := http.Get({v})@@\ndefer resp.Body.Close()',
            'resp, _ := http.Get("http://" + {v} + "/status")@@\ndefer resp.Body.Close()',
            'req, _ := http.NewRequest("GET", {v}, nil)@@\nhttp.DefaultClient.Do(req)',
        ],
        safe=[
            'resp, _ := http.Get("https://api.example.com/items/" + url.PathEscape({v}))\ndefer resp.Body.Close()',
        ],
    ),
    "open-redirect": TaintClass(
        sinks=[
            'http.Redirect(w, r, {v}, http.StatusFound)@@',
        ],
        safe=[
            'http.Redirect(w, r, "/search?q="+url.QueryEscape({v}), http.StatusFound)',
        ],
    ),
    "ldap-injection": TaintClass(
        sinks=[
            'req := ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+{v}+")", []string{"dn"}, nil)@@\nconn.Search(req)',
        ],
        safe=[
            'req := ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+ldap.EscapeFilter({v})+")", []string{"dn"}, nil)\nconn.Search(req)',
        ],
    ),
    "xpath-injection": TaintClass(
        sinks=[
            'nodes := xmlquery.Find(doc, "//user[@name=\'"+{v}+"\']")@@\nfmt.Fprint(w, len(nodes))',
        ],
        safe=[
            'n, _ := strconv.Atoi({v})\nnodes := xmlquery.Find(doc, fmt.Sprintf("//user[@id=\'%d\']", n))\nfmt.Fprint(w, len(nodes))',
        ],
    ),
    "header-injection": TaintClass(
        sinks=[
            'w.Header().Set("Content-Disposition", "attachment; filename="+{v})@@',
            'w.Header().Add("X-Request-Name", {v})@@',
        ],
        safe=[
            'w.Header().Set("Content-Disposition", "attachment; filename="+url.PathEscape({v}))',
        ],
    ),
    "log-injection": TaintClass(
        sinks=[
            'log.Printf("login attempt for " + {v})@@',
            'log.Println("unknown item", {v})@@',
        ],
        safe=[
            'log.Printf("login attempt for %s", strconv.Quote({v}))',
        ],
    ),
    "nosql-injection": TaintClass(
        sinks=[
            'coll.FindOne(r.Context(), bson.M{"$where": "this.name == \'" + {v} + "\'"})@@',
        ],
        safe=[
            'coll.FindOne(r.Context(), bson.M{"name": {v}})',
        ],
    ),
    "template-injection": TaintClass(
        sinks=[
            't, _ := template.New("page").Parse("<h1>Hello " + {v} + "</h1>")@@\nt.Execute(w, nil)',
        ],
        safe=[
            't, _ := template.New("page").Parse("<h1>Hello {{.}}</h1>")\nt.Execute(w, {v})',
        ],
    ),
    "trust-boundary": TaintClass(
        sinks=[
            'session, _ := store.Get(r, "s")\nsession.Values["role"] = {v}@@\nsession.Save(r, w)',
        ],
        safe=[
            'n, _ := strconv.Atoi({v})\nsession, _ := store.Get(r, "s")\nsession.Values["page"] = n\nsession.Save(r, w)',
        ],
    ),
    "regex-injection": TaintClass(
        sinks=[
            're := regexp.MustCompile({v})@@\nfmt.Fprint(w, re.MatchString("input text"))',
        ],
        safe=[
            're := regexp.MustCompile(regexp.QuoteMeta({v}))\nfmt.Fprint(w, re.MatchString("input text"))',
        ],
    ),
}

GO_STATIC = {
    "weak-crypto": (
        ['sum := md5.Sum([]byte("payload"))@@\nfmt.Fprintf(w, "%x", sum)', 'h := sha1.New()@@\nh.Write([]byte("payload"))', 'block, _ := des.NewCipher(key)@@\n_ = block', 'c, _ := rc4.NewCipher(key)@@\n_ = c'],
        ['sum := sha256.Sum256([]byte("payload"))\nfmt.Fprintf(w, "%x", sum)', 'block, _ := aes.NewCipher(key)\ngcm, _ := cipher.NewGCM(block)\n_ = gcm'],
        '"crypto/aes"\n\t"crypto/cipher"\n\t"crypto/des"\n\t"crypto/md5"\n\t"crypto/rc4"\n\t"crypto/sha1"\n\t"crypto/sha256"',
    ),
    "weak-random": (
        ['token := fmt.Sprintf("%x", rand.Int63())@@\nhttp.SetCookie(w, &http.Cookie{Name: "reset_token", Value: token, Secure: true, HttpOnly: true})',
         'sessionID := strconv.Itoa(rand.Intn(1000000))@@\nfmt.Fprint(w, sessionID)'],
        [],
        '"math/rand"\n\t"strconv"',
    ),
    "weak-random-safe": (
        [],
        ['b := make([]byte, 16)\nrand.Read(b)\ntoken := hex.EncodeToString(b)\nhttp.SetCookie(w, &http.Cookie{Name: "reset_token", Value: token, Secure: true, HttpOnly: true})'],
        '"crypto/rand"\n\t"encoding/hex"',
    ),
    "insecure-cookie": (
        ['http.SetCookie(w, &http.Cookie{Name: "session", Value: newSession(), HttpOnly: true})@@',
         'http.SetCookie(w, &http.Cookie{Name: "session", Value: newSession(), Secure: false, HttpOnly: true})@@'],
        ['http.SetCookie(w, &http.Cookie{Name: "session", Value: newSession(), Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})'],
        "",
    ),
    "cors-misconfiguration": (
        ['w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))@@\nw.Header().Set("Access-Control-Allow-Credentials", "true")'],
        ['w.Header().Set("Access-Control-Allow-Origin", "https://app.example.com")\nw.Header().Set("Access-Control-Allow-Credentials", "true")'],
        "",
    ),
    "jwt-verification": (
        ['tok, _, _ := jwt.NewParser().ParseUnverified(r.Header.Get("Authorization"), jwt.MapClaims{})@@\nfmt.Fprint(w, tok.Claims)'],
        ['tok, _ := jwt.Parse(r.Header.Get("Authorization"), keyFunc, jwt.WithValidMethods([]string{"RS256"}))\nfmt.Fprint(w, tok.Claims)'],
        '"github.com/golang-jwt/jwt/v5"',
    ),
    "insecure-temp-file": (
        ['os.WriteFile("/tmp/report.csv", []byte("a,b"), 0644)@@', 'f, _ := os.Create(filepath.Join(os.TempDir(), "upload.bin"))@@\ndefer f.Close()'],
        ['f, _ := os.CreateTemp("", "report-*.csv")\ndefer f.Close()'],
        "",
    ),
    "hardcoded-secret": (
        ['db, _ := sql.Open("postgres", "postgres://app:Tr0ub4dor3x@db.internal:5432/app")@@\n_ = db',
         'apiKey := "sk_live_51HxQ2eLkdP9vT8nB3mQ7rZ"@@\n_ = apiKey'],
        ['db, _ := sql.Open("postgres", os.Getenv("DATABASE_URL"))\n_ = db'],
        '"database/sql"',
    ),
}


def go_guard(guard: str, vulnerable: bool) -> str:
    exit_ = 'log.Println("unexpected value")' if vulnerable else 'http.Error(w, "bad request", http.StatusBadRequest)\n\treturn'
    if guard == "allowlist":
        check = 'allowed := map[string]bool{"alpha": true, "beta": true}\nif !allowed[param] {'
    else:
        check = "if _, err := strconv.Atoi(param); err != nil {"
    return f"{check}\n\t{exit_}\n}}\nbar := param"


def go_file(header: str, imports: str, helper: str, handler: str, gin: bool) -> str:
    std = ['"fmt"', '"html"', '"io"', '"log"', '"net/http"', '"net/url"', '"os"', '"os/exec"',
           '"path/filepath"', '"regexp"', '"strconv"', '"strings"']
    lines = [header, "package handlers", "", "import ("]
    for s in std:
        lines.append("\t" + s)
    if imports:
        lines.append("\t" + imports)
    if gin:
        lines.append('\t"github.com/gin-gonic/gin"')
    lines += [")", ""]
    if helper:
        lines += [helper]
    lines += [handler, ""]
    return "\n".join(lines)


def go_cases() -> list[Case]:
    cases: list[Case] = []
    counter: dict[str, int] = {}

    def add(category, vulnerable, source, flow, sink, imports="", helper="", gin=False):
        n = counter.get(category, 0) + 1
        counter[category] = n
        stem = f"{category.replace('-', '_')}_{n:03d}"
        header = (f"// expect: {category} (on the marked line)" if vulnerable else f"// ok: {category}")
        sink = mark(sink, "//", category, vulnerable)
        body = "\n".join(x for x in [source, flow, sink] if x)
        name = f"Handle{camel(category)}{n:03d}"
        if gin:
            handler = f"func {name}(c *gin.Context) {{\n\tw, r := c.Writer, c.Request\n\t_ = r\n{indent(body, chr(9))}\n}}"
        else:
            handler = f"func {name}(w http.ResponseWriter, r *http.Request) {{\n{indent(body, chr(9))}\n}}"
        cases.append(Case("go", category, vulnerable, go_file(header, imports, helper, handler, gin), "go", stem))

    for category, tc in GO_TAINT.items():
        for i, sink_t in enumerate(tc.sinks):
            for j in range(2):
                source = GO_SOURCES[(i * 2 + j) % len(GO_SOURCES)]
                add(category, True, source, "bar := param", sink_t.replace("{v}", "bar"))
        for i, flow_name in enumerate(GO_FLOWS):
            flow, helper = GO_FLOWS[flow_name]
            add(category, True, GO_SOURCES[i % 3], flow, tc.sinks[i % len(tc.sinks)].replace("{v}", "bar"),
                helper=helper)
        add(category, True, 'param := c.Query("name")', "", tc.sinks[0].replace("{v}", "param"), gin=True)
        for i, safe_t in enumerate(tc.safe):
            for j in range(2):
                add(category, False, GO_SOURCES[(i + j) % len(GO_SOURCES)], "bar := param",
                    safe_t.replace("{v}", "bar"))
            add(category, False, 'param := c.Query("name")', "", safe_t.replace("{v}", "param"), gin=True)
        add(category, False, GO_SOURCES[0], 'bar := "constant-value"\n_ = param',
            tc.sinks[0].replace("{v}", "bar"))
        for k, shape in enumerate(SHAPES):
            sink_t = tc.sinks[k % len(tc.sinks)].replace("{v}", "bar")
            for vulnerable in (True, False):
                flow, helper = go_shape(shape, vulnerable)
                add(category, vulnerable, GO_SOURCES[k % 2], flow, sink_t, helper=helper)
        for k, guard in enumerate(GUARDS):
            sink_t = tc.sinks[k % len(tc.sinks)].replace("{v}", "bar")
            for vulnerable in (True, False):
                add(category, vulnerable, GO_SOURCES[k % 2], go_guard(guard, vulnerable), sink_t)
    for category, (vulns, safes, imports) in GO_STATIC.items():
        cat = category.replace("-safe", "")
        for v in vulns:
            add(cat, True, "", "", v, imports)
        for s in safes:
            add(cat, False, "", "", s, imports)
    zip_vuln = [
        'zr, _ := zip.OpenReader("/var/app/uploads/archive.zip")\nfor _, f := range zr.File {\n\tout, _ := os.Create(filepath.Join("/var/app/extract", f.Name))@@\n\tout.Close()\n}',
        'tr := tar.NewReader(r.Body)\nfor {\n\thdr, err := tr.Next()\n\tif err != nil {\n\t\tbreak\n\t}\n\tos.MkdirAll(filepath.Join("/var/app/extract", hdr.Name), 0755)@@\n}',
    ]
    zip_safe = [
        'zr, _ := zip.OpenReader("/var/app/uploads/archive.zip")\nfor _, f := range zr.File {\n\tout, _ := os.Create(filepath.Join("/var/app/extract", filepath.Base(f.Name)))\n\tout.Close()\n}',
    ]
    for v in zip_vuln:
        add("zip-slip", True, "", "", v, '"archive/tar"\n\t"archive/zip"')
    for s in zip_safe:
        add("zip-slip", False, "", "", s, '"archive/tar"\n\t"archive/zip"')
    return cases


# ---------------------------------------------------------------------------------------------
# Rust (axum, actix-web)
# ---------------------------------------------------------------------------------------------

# (shell, statement defining `param`)
RS_SOURCES = [
    ("axum-query", 'let param = params.get("name").cloned().unwrap_or_default();'),
    ("actix-query", "let param = query.name.clone();"),
    ("axum-path", ""),
    ("axum-form", "let param = form.name.clone();"),
]

RS_FLOWS = {
    "format": ('let bar = format!("item-{}", param);', ""),
    "inline": ('let bar = format!("item-{param}");', ""),
    "helper": ("let bar = decorate(&param);", "fn decorate(value: &str) -> String {\n    value.trim().to_string()\n}\n"),
    "push": ('let mut bar = String::from("item-");\nbar.push_str(&param);', ""),
}


def rs_shape(shape: str, vulnerable: bool) -> tuple[str, str]:
    if shape == "ternary":
        k = 2 if vulnerable else 3
        return (f'let limit = 86;\nlet bar = if limit * {k} > 200 {{ "fixed_value".to_string() }} else {{ param.clone() }};', "")
    if shape == "map":
        key = "keyB" if vulnerable else "keyA"
        return (dedent(f'''
            let mut values = HashMap::new();
            values.insert("keyA", "a_Value".to_string());
            values.insert("keyB", param.clone());
            values.insert("keyC", "another_Value".to_string());
            let bar = values.get("{key}").cloned().unwrap_or_default();'''), "")
    if shape == "list":
        idx = 0 if vulnerable else 1
        return (dedent(f'''
            let mut values_list = vec!["safe".to_string(), param.clone(), "moresafe".to_string()];
            values_list.remove(0);
            let bar = values_list[{idx}].clone();'''), "")
    if shape == "helper":
        body = 'format!("{}_checked", value)' if vulnerable else 'let fixed = "safe!";\n    fixed.to_string()'
        return ("let bar = do_something(&param);", f"fn do_something(value: &str) -> String {{\n    {body}\n}}\n")
    if shape == "switch":
        sel = 1 if vulnerable else 2
        return (f'let selector = {sel};\nlet bar = match selector {{\n    1 => param.clone(),\n    2 => "bob".to_string(),\n    _ => "bob\'s your uncle".to_string(),\n}};', "")
    raise ValueError(shape)


RS_TAINT = {
    "sql-injection": TaintClass(
        sinks=[
            'let rows = sqlx::query(&format!("SELECT * FROM users WHERE name = \'{}\'", {v})).fetch_all(&pool).await;@@',
            'conn.execute(&format!("DELETE FROM sessions WHERE user = \'{}\'", {v}), []).ok();@@',
            'let sql = format!("UPDATE users SET seen = 1 WHERE name = \'{}\'", {v});\nclient.query(&sql, &[]).await.ok();@@',
        ],
        safe=[
            'let rows = sqlx::query("SELECT * FROM users WHERE name = $1").bind(&{v}).fetch_all(&pool).await;',
            'conn.execute("DELETE FROM sessions WHERE user = ?1", [&{v}]).ok();',
        ],
    ),
    "xss": TaintClass(
        sinks=[
            'return Html(format!("<h1>Hello {}</h1>", {v}));@@',
            'return HttpResponse::Ok().content_type("text/html").body(format!("<p>{}</p>", {v}));@@',
        ],
        safe=[
            'return Html(format!("<h1>Hello {}</h1>", html_escape::encode_text(&{v})));',
            'let escaped = html_escape::encode_text(&{v}).to_string();\nreturn Html(format!("<h1>Hello {}</h1>", escaped));',
            'return HttpResponse::Ok().content_type("text/plain").body({v});',
        ],
    ),
    "command-injection": TaintClass(
        sinks=[
            'let out = Command::new("sh").arg("-c").arg(format!("ping -c 1 {}", {v})).output();@@',
            'let out = Command::new(&{v}).output();@@',
        ],
        safe=[
            'let out = Command::new("ping").arg("-c").arg("1").arg(&{v}).output();',
        ],
    ),
    "path-traversal": TaintClass(
        sinks=[
            'let data = std::fs::read_to_string(format!("/var/app/files/{}", {v}));@@',
            'let file = std::fs::File::open(Path::new("/var/app/files").join(&{v}));@@',
        ],
        safe=[
            'let name = Path::new(&{v}).file_name().map(|n| n.to_owned()).unwrap_or_default();\nlet data = std::fs::read_to_string(Path::new("/var/app/files").join(name));',
        ],
    ),
    "ssrf": TaintClass(
        sinks=[
            'let body = reqwest::get(&{v}).await;@@',
            'let body = client.get(format!("http://{}/status", {v})).send().await;@@',
        ],
        safe=[
            'let id: u32 = {v}.parse().unwrap_or(0);\nlet body = reqwest::get(format!("https://api.example.com/items/{}", id)).await;',
        ],
    ),
    "open-redirect": TaintClass(
        sinks=[
            'return Redirect::to(&{v});@@',
        ],
        safe=[
            'let q = urlencoding::encode(&{v});\nreturn Redirect::to(&format!("/search?q={}", q));',
        ],
    ),
    "ldap-injection": TaintClass(
        sinks=[
            'ldap.search("ou=users,dc=example,dc=com", Scope::Subtree, &format!("(uid={})", {v}), vec!["cn"]).await.ok();@@',
        ],
        safe=[
            'let user = ldap3::ldap_escape(&{v});\nldap.search("ou=users,dc=example,dc=com", Scope::Subtree, &format!("(uid={})", user), vec!["cn"]).await.ok();',
        ],
    ),
    "template-injection": TaintClass(
        sinks=[
            'let page = Tera::one_off(&format!("<h1>Hello {}</h1>", {v}), &Context::new(), true);@@',
        ],
        safe=[
            'let mut ctx = Context::new();\nctx.insert("name", &{v});\nlet page = Tera::one_off("<h1>Hello {{ name }}</h1>", &ctx, true);',
        ],
    ),
    "trust-boundary": TaintClass(
        sinks=[
            'session.insert("role", &{v}).ok();@@',
        ],
        safe=[
            'let page: u32 = {v}.parse().unwrap_or(1);\nsession.insert("page", page).ok();',
        ],
    ),
    "regex-injection": TaintClass(
        sinks=[
            'let matched = Regex::new(&{v}).map(|re| re.is_match("input text"));@@',
        ],
        safe=[
            'let matched = Regex::new(&regex::escape(&{v})).map(|re| re.is_match("input text"));',
        ],
    ),
}

RS_STATIC = {
    "weak-crypto": (
        ['let digest = md5::compute(b"payload");@@', 'let mut h = Sha1::new();@@\nh.update(b"payload");', 'let cipher = Des::new_from_slice(&key);@@'],
        ['let digest = Sha256::digest(b"payload");', 'let cipher = Aes256Gcm::new_from_slice(&key);'],
    ),
    "weak-random": (
        ['let mut rng = SmallRng::seed_from_u64(42);@@\nlet session_token: u64 = rng.gen();', 'let reset_token = fastrand::u64(..);@@'],
        ['let mut rng = rand::rngs::OsRng;\nlet session_token: u64 = rng.next_u64();'],
    ),
    "insecure-cookie": (
        ['let cookie = Cookie::build(("session", new_session())).http_only(true).build();@@', 'let cookie = Cookie::build(("session", new_session())).secure(false).build();@@'],
        ['let cookie = Cookie::build(("session", new_session())).secure(true).http_only(true).build();'],
    ),
    "cors-misconfiguration": (
        ['let layer = CorsLayer::very_permissive();@@', 'let cors = Cors::default().allow_any_origin().supports_credentials();@@'],
        ['let cors = Cors::default().allowed_origin("https://app.example.com").supports_credentials();'],
    ),
    "jwt-verification": (
        ['let mut validation = Validation::default();\nvalidation.insecure_disable_signature_validation();@@'],
        ['let validation = Validation::new(Algorithm::RS256);'],
    ),
    "insecure-temp-file": (
        ['std::fs::write("/tmp/report.csv", b"a,b").ok();@@', 'let path = std::env::temp_dir().join("upload.bin");@@'],
        ['let file = tempfile::NamedTempFile::new();'],
    ),
    "hardcoded-secret": (
        ['let pool = PgPool::connect("postgres://app:Tr0ub4dor3x@db.internal:5432/app").await;@@', 'let api_key = "sk_live_51HxQ2eLkdP9vT8nB3mQ7rZ";@@'],
        ['let pool = PgPool::connect(&std::env::var("DATABASE_URL").unwrap_or_default()).await;'],
    ),
}

RS_USES = dedent('''
    use std::collections::HashMap;
    use std::path::Path;
    use std::process::Command;''')


def rs_handler(shell: str, name: str, body: str) -> str:
    if shell == "axum-query":
        sig = f"async fn {name}(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse"
    elif shell == "actix-query":
        sig = f"async fn {name}(query: web::Query<Params>) -> impl Responder"
    elif shell == "axum-path":
        sig = f"async fn {name}(Path(param): Path<String>) -> impl IntoResponse"
    elif shell == "axum-form":
        sig = f"async fn {name}(Form(form): Form<Params>) -> impl IntoResponse"
    else:
        sig = f"pub async fn {name}() -> impl IntoResponse"
    return f"{sig} {{\n{indent(body, '    ')}\n    \"ok\".to_string()\n}}"


def rs_cases() -> list[Case]:
    cases: list[Case] = []
    counter: dict[str, int] = {}

    def add(category, vulnerable, shell, source, flow, sink, helper=""):
        n = counter.get(category, 0) + 1
        counter[category] = n
        stem = f"{category.replace('-', '_')}_{n:03d}"
        header = (f"// expect: {category} (on the marked line)" if vulnerable else f"// ok: {category}")
        sink = mark(sink, "//", category, vulnerable)
        body = "\n".join(x for x in [source, flow, sink] if x)
        parts = [header, RS_USES, "", "#[derive(serde::Deserialize)]", "pub struct Params {", "    name: String,", "}", ""]
        if helper:
            parts.append(helper)
        parts += [rs_handler(shell, f"handle_{n:03d}", body), ""]
        cases.append(Case("rust", category, vulnerable, "\n".join(parts), "rs", stem))

    for category, tc in RS_TAINT.items():
        for i, sink_t in enumerate(tc.sinks):
            for j in range(2):
                shell, source = RS_SOURCES[(i * 2 + j) % len(RS_SOURCES)]
                add(category, True, shell, source, "let bar = param.clone();", sink_t.replace("{v}", "bar"))
        for i, flow_name in enumerate(RS_FLOWS):
            flow, helper = RS_FLOWS[flow_name]
            shell, source = RS_SOURCES[i % len(RS_SOURCES)]
            add(category, True, shell, source, flow, tc.sinks[i % len(tc.sinks)].replace("{v}", "bar"), helper)
        for i, safe_t in enumerate(tc.safe):
            for j in range(3):
                shell, source = RS_SOURCES[(i + j) % len(RS_SOURCES)]
                add(category, False, shell, source, "let bar = param.clone();", safe_t.replace("{v}", "bar"))
        add(category, False, "axum-query", RS_SOURCES[0][1], 'let bar = "constant-value".to_string();',
            tc.sinks[0].replace("{v}", "bar"))
        for k, shape in enumerate(SHAPES):
            sink_t = tc.sinks[k % len(tc.sinks)].replace("{v}", "bar")
            for vulnerable in (True, False):
                flow, helper = rs_shape(shape, vulnerable)
                shell, source = RS_SOURCES[k % 2]
                add(category, vulnerable, shell, source, flow, sink_t, helper)
    for category, (vulns, safes) in RS_STATIC.items():
        for v in vulns:
            add(category, True, "plain", "", "", v)
        for s in safes:
            add(category, False, "plain", "", "", s)
    zip_vuln = [
        'let mut archive = ZipArchive::new(std::fs::File::open("/var/app/uploads/a.zip").unwrap()).unwrap();\nfor i in 0..archive.len() {\n    let file = archive.by_index(i).unwrap();\n    let out = Path::new("/var/app/extract").join(file.name());\n    std::fs::File::create(&out).ok();@@\n}',
    ]
    zip_safe = [
        'let mut archive = ZipArchive::new(std::fs::File::open("/var/app/uploads/a.zip").unwrap()).unwrap();\nfor i in 0..archive.len() {\n    let file = archive.by_index(i).unwrap();\n    let Some(name) = file.enclosed_name() else { continue };\n    let out = Path::new("/var/app/extract").join(name);\n    std::fs::File::create(&out).ok();\n}',
    ]
    for v in zip_vuln:
        add("zip-slip", True, "plain", "", "", v)
    for s in zip_safe:
        add("zip-slip", False, "plain", "", "", s)
    return cases


# ---------------------------------------------------------------------------------------------

LANG_DIRS = ["python", "javascript", "typescript", "go", "java", "rust"]


def main() -> int:
    """Writes the corpus; with `--check`, only compares it with the files on disk (exit 1 when
    they differ, so a test can tell a stale corpus from a fresh one)."""
    import sys

    check = "--check" in sys.argv[1:]
    cases = py_cases() + js_cases(False) + js_cases(True) + go_cases() + java_cases() + rs_cases()
    files = {}
    for c in cases:
        rel = "/".join([c.lang, c.category, f"{c.stem}.{c.ext}"])
        if rel in files:
            raise SystemExit(f"two cases would be written to {rel}")
        files[rel] = c.text if c.text.endswith("\n") else c.text + "\n"
    manifest = "\n".join(sorted(files)) + "\n"
    manifest_path = os.path.join(ROOT, "MANIFEST")
    if check:
        stale = []
        for rel, text in sorted(files.items()):
            path = os.path.join(ROOT, rel)
            try:
                with open(path) as f:
                    if f.read() != text:
                        stale.append(rel)
            except FileNotFoundError:
                stale.append(rel)
        try:
            with open(manifest_path) as f:
                if f.read() != manifest:
                    stale.append("MANIFEST")
        except FileNotFoundError:
            stale.append("MANIFEST")
        if stale:
            print(f"{len(stale)} corpus files differ from the generator, e.g. {stale[:5]}: run generate.py")
            return 1
        print(f"{len(files)} corpus files match the generator")
        return 0
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            for rel in f.read().split():
                p = os.path.join(ROOT, rel)
                if os.path.exists(p):
                    os.remove(p)
    for rel, text in files.items():
        path = os.path.join(ROOT, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    with open(manifest_path, "w") as f:
        f.write(manifest)
    by_lang: dict[str, list[int]] = {}
    for c in cases:
        v = by_lang.setdefault(c.lang, [0, 0])
        v[0 if c.vulnerable else 1] += 1
    total = sum(a + b for a, b in by_lang.values())
    print(f"{total} cases: " + ", ".join(f"{k} {a}+{b}" for k, (a, b) in sorted(by_lang.items())) + " (vulnerable+safe)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
