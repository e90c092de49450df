// expect: command-injection (on the marked line)
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/6", async (req: Request, res: Response) => {
  const { name: param } = req.query;
  const bar = param;
  spawn("sh", ["-c", "nslookup " + bar], { shell: true });  // expect: command-injection
  res.end();
});

app.listen(3000);
