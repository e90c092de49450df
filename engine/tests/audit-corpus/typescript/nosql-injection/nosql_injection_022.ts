// ok: nosql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/nosql-injection/22", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const users = await db.collection("users").find({ $where: "this.name == '" + bar + "'" }).toArray();
  res.json(users);
});

app.listen(3000);
