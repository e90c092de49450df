// ok: code-injection
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/code-injection/27", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.json(eval(bar));
});

app.listen(3000);
