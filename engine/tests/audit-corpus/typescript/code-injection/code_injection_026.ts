// expect: code-injection (on the marked line)
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  return value + "_checked";
}

app.post("/code-injection/26", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.json(eval(bar));  // expect: code-injection
});

app.listen(3000);
