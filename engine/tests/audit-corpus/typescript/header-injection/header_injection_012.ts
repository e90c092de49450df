// ok: header-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/12", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  res.setHeader("Content-Disposition", "attachment; filename=" + encodeURIComponent(bar));
  res.end();
});

app.listen(3000);
