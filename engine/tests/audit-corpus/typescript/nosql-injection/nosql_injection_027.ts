// expect: nosql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/nosql-injection/27", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const users = await db.collection("users").find({ $where: "this.name == '" + bar + "'" }).toArray();  // expect: nosql-injection
  res.json(users);
});

app.listen(3000);
