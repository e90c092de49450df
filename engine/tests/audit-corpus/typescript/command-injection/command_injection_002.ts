// expect: command-injection (on the marked line)
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/2", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  exec("ping -c 1 " + bar, (err, out) => res.send(out));  // expect: command-injection
});

app.listen(3000);
