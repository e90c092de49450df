// ok: regex-injection
import express, { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/regex-injection/22", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.json(items.filter((i) => new RegExp("^" + bar).test(i)));
});

app.listen(3000);
