// expect: xpath-injection (on the marked line)
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

app.post("/xpath-injection/27", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const node = xpath.select1(`//user[@id='${bar}']`, doc);  // expect: xpath-injection
  res.json(Boolean(node));
});

app.listen(3000);
