// expect: code-injection (on the marked line)
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/30", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.json(eval(bar));  // expect: code-injection
});

app.listen(3000);
