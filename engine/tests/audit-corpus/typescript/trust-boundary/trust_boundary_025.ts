// expect: trust-boundary (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/trust-boundary/25", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  req.session.role = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
