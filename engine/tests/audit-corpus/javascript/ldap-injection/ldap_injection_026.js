// ok: ldap-injection
const express = require("express");
const ldapEscape = require("ldap-escape");

const app = express();
app.use(express.json());

app.post("/ldap-injection/26", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  ldapClient.search("ou=users,dc=example,dc=com", { filter: `(&(objectClass=person)(cn=${bar}))`, scope: "sub" }, (err, r) => res.end());
});

app.listen(3000);
