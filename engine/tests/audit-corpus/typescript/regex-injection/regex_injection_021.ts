// expect: regex-injection (on the marked line)
import express, { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  return value + "_checked";
}

app.post("/regex-injection/21", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.json(items.filter((i) => new RegExp("^" + bar).test(i)));  // expect: regex-injection
});

app.listen(3000);
