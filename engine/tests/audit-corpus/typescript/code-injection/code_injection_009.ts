// expect: code-injection (on the marked line)
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/code-injection/9", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  res.json(vm.runInNewContext(bar, {}));  // expect: code-injection
});

app.listen(3000);
