// ok: header-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/16", async (req: Request, res: Response) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);
  res.end();
});

app.listen(3000);
