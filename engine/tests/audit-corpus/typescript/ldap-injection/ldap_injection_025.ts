// expect: ldap-injection (on the marked line)
import express, { Request, Response } from "express";
import ldapEscape from "ldap-escape";

const app = express();
app.use(express.json());

app.post("/ldap-injection/25", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + bar + ")" }, (err, r) => res.end());  // expect: ldap-injection
});

app.listen(3000);
