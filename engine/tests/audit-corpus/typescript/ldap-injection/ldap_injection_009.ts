// expect: ldap-injection (on the marked line)
import express, { Request, Response } from "express";
import ldapEscape from "ldap-escape";

const app = express();
app.use(express.json());

app.post("/ldap-injection/9", async (req: Request, res: Response) => {
  client.search("ou=users,dc=example,dc=com", { filter: "(uid=" + req.query.name + ")" }, (err, r) => res.end());  // expect: ldap-injection
});

app.listen(3000);
