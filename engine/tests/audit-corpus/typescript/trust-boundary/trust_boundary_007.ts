// expect: trust-boundary (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/trust-boundary/7", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  req.session.role = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
