// ok: ldap-injection
const express = require("express");
const ldapEscape = require("ldap-escape");

const app = express();
app.use(express.json());

app.post("/ldap-injection/10", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  client.search("ou=users,dc=example,dc=com", { filter: ldapEscape.filter`(uid=${bar})` }, (err, r) => res.end());
});

app.listen(3000);
