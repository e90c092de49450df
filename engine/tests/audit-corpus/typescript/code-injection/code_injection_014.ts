// ok: code-injection
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/14", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  res.json(JSON.parse(bar));
});

app.listen(3000);
