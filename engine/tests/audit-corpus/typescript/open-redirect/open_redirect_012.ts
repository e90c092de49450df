// ok: open-redirect
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/12", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  res.redirect("/search?q=" + encodeURIComponent(bar));
});

app.listen(3000);
