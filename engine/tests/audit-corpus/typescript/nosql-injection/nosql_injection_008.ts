// expect: nosql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/nosql-injection/8", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  const users = await db.collection("users").find({ $where: "this.name == '" + bar + "'" }).toArray();  // expect: nosql-injection
  res.json(users);
});

app.listen(3000);
