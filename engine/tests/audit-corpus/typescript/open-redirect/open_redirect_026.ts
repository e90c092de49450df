// ok: open-redirect
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/26", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.redirect(bar);
});

app.listen(3000);
