// expect: ldap-injection (on the marked line)
import express, { Request, Response } from "express";
import ldapEscape from "ldap-escape";

const app = express();
app.use(express.json());

app.post("/ldap-injection/17", async (req: Request, res: Response) => {
  const param = req.body.name;
  const values = new Map<string, string>();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyB");
  ldapClient.search("ou=users,dc=example,dc=com", { filter: `(&(objectClass=person)(cn=${bar}))`, scope: "sub" }, (err, r) => res.end());  // expect: ldap-injection
});

app.listen(3000);
