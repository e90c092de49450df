// ok: ldap-injection
import express, { Request, Response } from "express";
import ldapEscape from "ldap-escape";

const app = express();
app.use(express.json());

app.post("/ldap-injection/14", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = "constant-value";
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + bar + ")" }, (err, r) => res.end());
});

app.listen(3000);
