// ok: xpath-injection
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

app.post("/xpath-injection/20", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);
  res.json(nodes.length);
});

app.listen(3000);
