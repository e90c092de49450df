// ok: ldap-injection
const express = require("express");
const ldapEscape = require("ldap-escape");

const app = express();
app.use(express.json());

app.post("/ldap-injection/16", async (req, res) => {
  const param = req.body.name;
  const values = new Map();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyA");
  ldapClient.search("ou=users,dc=example,dc=com", { filter: `(&(objectClass=person)(cn=${bar}))`, scope: "sub" }, (err, r) => res.end());
});

app.listen(3000);
