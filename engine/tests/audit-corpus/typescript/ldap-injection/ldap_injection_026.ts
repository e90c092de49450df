// ok: ldap-injection
import express, { Request, Response } from "express";
import ldapEscape from "ldap-escape";

const app = express();
app.use(express.json());

app.post("/ldap-injection/26", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + bar + ")" }, (err, r) => res.end());
});

app.listen(3000);
