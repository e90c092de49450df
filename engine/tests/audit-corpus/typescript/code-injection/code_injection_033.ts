// ok: code-injection
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/33", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const fn = new Function("return " + bar);
  res.json(fn());
});

app.listen(3000);
