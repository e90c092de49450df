// ok: open-redirect
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/open-redirect/22", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.redirect(302, bar);
});

app.listen(3000);
