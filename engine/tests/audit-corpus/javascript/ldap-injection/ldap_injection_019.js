// expect: ldap-injection (on the marked line)
const express = require("express");
const ldapEscape = require("ldap-escape");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/ldap-injection/19", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  ldapClient.search("ou=users,dc=example,dc=com", { filter: `(&(objectClass=person)(cn=${bar}))`, scope: "sub" }, (err, r) => res.end());  // expect: ldap-injection
});

app.listen(3000);
