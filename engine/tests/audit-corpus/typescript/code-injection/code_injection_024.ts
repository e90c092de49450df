// expect: code-injection (on the marked line)
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/24", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  res.json(vm.runInNewContext(bar, {}));  // expect: code-injection
});

app.listen(3000);
