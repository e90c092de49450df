// ok: header-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/14", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = "constant-value";
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);
  res.end();
});

app.listen(3000);
