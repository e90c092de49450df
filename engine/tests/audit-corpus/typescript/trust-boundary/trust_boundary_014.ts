// ok: trust-boundary
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/trust-boundary/14", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = "constant-value";
  req.session.role = bar;
  res.end();
});

app.listen(3000);
