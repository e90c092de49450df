// expect: code-injection (on the marked line)
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/5", async (req: Request, res: Response) => {
  const param = req.cookies.name;
  const bar = param;
  res.json(vm.runInNewContext(bar, {}));  // expect: code-injection
});

app.listen(3000);
