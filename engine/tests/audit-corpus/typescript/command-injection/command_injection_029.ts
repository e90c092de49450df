// ok: command-injection
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/29", async (req: Request, res: Response) => {
  const param = req.query.name;
  const selector = 2;
  let bar: string;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  const out = child_process.execSync(`ls ${bar}`);
  res.send(out);
});

app.listen(3000);
