// expect: nosql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/nosql-injection/25", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const user = await User.findOne({ name: bar });  // expect: nosql-injection
  res.json(user);
});

app.listen(3000);
