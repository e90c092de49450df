// expect: regex-injection (on the marked line)
import express, { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/27", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.json(items.filter((i) => new RegExp("^" + bar).test(i)));  // expect: regex-injection
});

app.listen(3000);
