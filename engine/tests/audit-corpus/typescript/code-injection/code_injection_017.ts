// ok: code-injection
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/17", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = param;
  res.json(Number(bar) * 2);
});

app.listen(3000);
