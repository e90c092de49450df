// expect: nosql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/nosql-injection/17", async (req: Request, res: Response) => {
  const param = req.body.name;
  const values = new Map<string, string>();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyB");
  const users = await db.collection("users").find({ $where: "this.name == '" + bar + "'" }).toArray();  // expect: nosql-injection
  res.json(users);
});

app.listen(3000);
