// expect: trust-boundary (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/trust-boundary/27", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  req.session["user"] = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
