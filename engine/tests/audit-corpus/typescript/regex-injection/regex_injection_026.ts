// ok: regex-injection
import express, { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/26", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const re = new RegExp(bar);
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
