// expect: trust-boundary (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/trust-boundary/9", async (req: Request, res: Response) => {
  req.session.role = req.query.name;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
