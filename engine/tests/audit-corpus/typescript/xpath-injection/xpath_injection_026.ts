// ok: xpath-injection
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

app.post("/xpath-injection/26", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);
  res.json(nodes.length);
});

app.listen(3000);
