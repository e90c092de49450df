// expect: ldap-injection (on the marked line)
import express, { Request, Response } from "express";
import ldapEscape from "ldap-escape";

const app = express();
app.use(express.json());

app.post("/ldap-injection/6", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = `item-${param}`;
  ldapClient.search("ou=users,dc=example,dc=com", { filter: `(&(objectClass=person)(cn=${bar}))`, scope: "sub" }, (err, r) => res.end());  // expect: ldap-injection
});

app.listen(3000);
