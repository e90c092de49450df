// expect: ldap-injection (on the marked line)
const express = require("express");
const ldapEscape = require("ldap-escape");

const app = express();
app.use(express.json());

app.post("/ldap-injection/25", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  ldapClient.search("ou=users,dc=example,dc=com", { filter: `(&(objectClass=person)(cn=${bar}))`, scope: "sub" }, (err, r) => res.end());  // expect: ldap-injection
});

app.listen(3000);
