// ok: ldap-injection
import express, { Request, Response } from "express";
import ldapEscape from "ldap-escape";

const app = express();
app.use(express.json());

app.post("/ldap-injection/28", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  ldapClient.search("ou=users,dc=example,dc=com", { filter: `(&(objectClass=person)(cn=${bar}))`, scope: "sub" }, (err, r) => res.end());
});

app.listen(3000);
