// expect: ldap-injection (on the marked line)
const express = require("express");
const ldapEscape = require("ldap-escape");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/ldap-injection/7", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + bar + ")" }, (err, r) => res.end());  // expect: ldap-injection
});

app.listen(3000);
