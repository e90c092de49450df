// ok: ldap-injection
import express, { Request, Response } from "express";
import ldapEscape from "ldap-escape";

const app = express();
app.use(express.json());

app.post("/ldap-injection/20", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + bar + ")" }, (err, r) => res.end());
});

app.listen(3000);
