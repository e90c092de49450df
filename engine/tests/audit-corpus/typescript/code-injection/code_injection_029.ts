// ok: code-injection
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/29", async (req: Request, res: Response) => {
  const param = req.query.name;
  const selector = 2;
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
  const fn = new Function("return " + bar);
  res.json(fn());
});

app.listen(3000);
