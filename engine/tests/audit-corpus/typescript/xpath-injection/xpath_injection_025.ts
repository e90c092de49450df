// expect: xpath-injection (on the marked line)
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

app.post("/xpath-injection/25", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);  // expect: xpath-injection
  res.json(nodes.length);
});

app.listen(3000);
