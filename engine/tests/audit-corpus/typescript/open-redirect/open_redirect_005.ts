// expect: open-redirect (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/5", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = "item-" + param;
  res.redirect(bar);  // expect: open-redirect
});

app.listen(3000);
