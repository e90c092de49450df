// expect: open-redirect (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/open-redirect/7", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  res.redirect(bar);  // expect: open-redirect
});

app.listen(3000);
