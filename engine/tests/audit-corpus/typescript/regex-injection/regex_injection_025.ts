// expect: regex-injection (on the marked line)
import express, { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/25", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const re = new RegExp(bar);  // expect: regex-injection
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
