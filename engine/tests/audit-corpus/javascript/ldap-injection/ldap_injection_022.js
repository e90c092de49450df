// ok: ldap-injection
const express = require("express");
const ldapEscape = require("ldap-escape");

const app = express();
app.use(express.json());

app.post("/ldap-injection/22", async (req, res) => {
  const param = req.query.name;
  const selector = 2;
  let bar;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + bar + ")" }, (err, r) => res.end());
});

app.listen(3000);
