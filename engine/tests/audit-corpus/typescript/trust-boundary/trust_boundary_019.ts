// expect: trust-boundary (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/trust-boundary/19", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  req.session.role = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
