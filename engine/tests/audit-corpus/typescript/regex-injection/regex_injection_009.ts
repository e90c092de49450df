// expect: regex-injection (on the marked line)
import express, { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/9", async (req: Request, res: Response) => {
  const re = new RegExp(req.query.name);  // expect: regex-injection
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
