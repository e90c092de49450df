// expect: code-injection (on the marked line)
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/32", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const fn = new Function("return " + bar);  // expect: code-injection
  res.json(fn());
});

app.listen(3000);
