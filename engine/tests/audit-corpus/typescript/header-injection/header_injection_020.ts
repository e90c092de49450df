// ok: header-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/20", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);
  res.end();
});

app.listen(3000);
