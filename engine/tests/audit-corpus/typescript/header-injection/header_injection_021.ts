// expect: header-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  return value + "_checked";
}

app.post("/header-injection/21", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.set("X-Request-Name", bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
