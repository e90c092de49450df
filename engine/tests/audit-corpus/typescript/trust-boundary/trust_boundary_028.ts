// ok: trust-boundary
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/trust-boundary/28", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  req.session["user"] = bar;
  res.end();
});

app.listen(3000);
