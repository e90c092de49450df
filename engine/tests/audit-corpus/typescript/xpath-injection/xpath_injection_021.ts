// expect: xpath-injection (on the marked line)
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  return value + "_checked";
}

app.post("/xpath-injection/21", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const node = xpath.select1(`//user[@id='${bar}']`, doc);  // expect: xpath-injection
  res.json(Boolean(node));
});

app.listen(3000);
