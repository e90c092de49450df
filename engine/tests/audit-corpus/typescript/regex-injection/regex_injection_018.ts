// ok: regex-injection
import express, { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/18", async (req: Request, res: Response) => {
  const param = req.body.name;
  const values = new Map<string, string>();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyA");
  res.json(items.filter((i) => new RegExp("^" + bar).test(i)));
});

app.listen(3000);
