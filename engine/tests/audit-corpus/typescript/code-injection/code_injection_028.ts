// expect: code-injection (on the marked line)
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/28", async (req: Request, res: Response) => {
  const param = req.query.name;
  const selector = 1;
  let bar: string;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  const fn = new Function("return " + bar);  // expect: code-injection
  res.json(fn());
});

app.listen(3000);
