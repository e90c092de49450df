// expect: trust-boundary (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/trust-boundary/3", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = param;
  req.session["user"] = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
