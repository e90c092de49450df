// expect: regex-injection (on the marked line)
import express, { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/regex-injection/7", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  const re = new RegExp(bar);  // expect: regex-injection
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
