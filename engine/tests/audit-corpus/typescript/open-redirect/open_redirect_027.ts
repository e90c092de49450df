// expect: open-redirect (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/27", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.redirect(302, bar);  // expect: open-redirect
});

app.listen(3000);
