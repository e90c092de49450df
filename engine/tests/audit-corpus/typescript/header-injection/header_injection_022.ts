// ok: header-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/header-injection/22", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.set("X-Request-Name", bar);
  res.end();
});

app.listen(3000);
