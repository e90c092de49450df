// ok: xpath-injection
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

app.post("/xpath-injection/11", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = param;
  const nodes = xpath.parse("//user[@name=$name]").select({ node: doc, variables: { name: bar } });
  res.json(nodes.length);
});

app.listen(3000);
