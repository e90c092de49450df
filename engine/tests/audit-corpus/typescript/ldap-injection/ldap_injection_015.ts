// expect: ldap-injection (on the marked line)
import express, { Request, Response } from "express";
import ldapEscape from "ldap-escape";

const app = express();
app.use(express.json());

app.post("/ldap-injection/15", async (req: Request, res: Response) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 2 > 200 ? "fixed_value" : param;
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + bar + ")" }, (err, r) => res.end());  // expect: ldap-injection
});

app.listen(3000);
