// expect: xpath-injection (on the marked line)
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/xpath-injection/7", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);  // expect: xpath-injection
  res.json(nodes.length);
});

app.listen(3000);
