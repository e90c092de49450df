// expect: xpath-injection (on the marked line)
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

app.post("/xpath-injection/9", async (req: Request, res: Response) => {
  const nodes = xpath.select("//user[@name='" + req.query.name + "']", doc);  // expect: xpath-injection
  res.json(nodes.length);
});

app.listen(3000);
