// ok: open-redirect
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/28", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.redirect(302, bar);
});

app.listen(3000);
