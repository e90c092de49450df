// ok: trust-boundary
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/trust-boundary/16", async (req: Request, res: Response) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  req.session.role = bar;
  res.end();
});

app.listen(3000);
