// expect: trust-boundary (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  return value + "_checked";
}

app.post("/trust-boundary/21", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  req.session["user"] = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
