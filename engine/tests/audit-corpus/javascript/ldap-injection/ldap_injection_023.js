// expect: ldap-injection (on the marked line)
const express = require("express");
const ldapEscape = require("ldap-escape");

const app = express();
app.use(express.json());

app.post("/ldap-injection/23", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + bar + ")" }, (err, r) => res.end());  // expect: ldap-injection
});

app.listen(3000);
