// ok: code-injection
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/31", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.json(eval(bar));
});

app.listen(3000);
