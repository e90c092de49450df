// ok: regex-injection
import express, { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/12", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  const re = new RegExp(_.escapeRegExp(bar));
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
