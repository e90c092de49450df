// ok: open-redirect
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/14", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = "constant-value";
  res.redirect(bar);
});

app.listen(3000);
