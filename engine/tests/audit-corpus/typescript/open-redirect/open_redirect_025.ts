// expect: open-redirect (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/25", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.redirect(bar);  // expect: open-redirect
});

app.listen(3000);
