// ok: trust-boundary
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/trust-boundary/20", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  req.session.role = bar;
  res.end();
});

app.listen(3000);
