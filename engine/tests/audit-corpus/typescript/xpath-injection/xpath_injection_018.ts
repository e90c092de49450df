// ok: xpath-injection
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

app.post("/xpath-injection/18", async (req: Request, res: Response) => {
  const param = req.body.name;
  const values = new Map<string, string>();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyA");
  const node = xpath.select1(`//user[@id='${bar}']`, doc);
  res.json(Boolean(node));
});

app.listen(3000);
