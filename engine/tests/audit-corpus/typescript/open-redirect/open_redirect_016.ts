// ok: open-redirect
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/16", async (req: Request, res: Response) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  res.redirect(bar);
});

app.listen(3000);
