// expect: code-injection (on the marked line)
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/6", async (req: Request, res: Response) => {
  const { name: param } = req.query;
  const bar = param;
  res.json(vm.runInNewContext(bar, {}));  // expect: code-injection
});

app.listen(3000);
