// ok: xpath-injection
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

app.post("/xpath-injection/28", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const node = xpath.select1(`//user[@id='${bar}']`, doc);
  res.json(Boolean(node));
});

app.listen(3000);
