// ok: ldap-injection
const express = require("express");
const ldapEscape = require("ldap-escape");

const app = express();
app.use(express.json());

app.post("/ldap-injection/24", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + bar + ")" }, (err, r) => res.end());
});

app.listen(3000);
