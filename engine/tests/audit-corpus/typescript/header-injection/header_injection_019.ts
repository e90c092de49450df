// expect: header-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/19", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
