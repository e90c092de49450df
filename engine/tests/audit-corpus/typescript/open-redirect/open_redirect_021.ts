// expect: open-redirect (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  return value + "_checked";
}

app.post("/open-redirect/21", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.redirect(302, bar);  // expect: open-redirect
});

app.listen(3000);
