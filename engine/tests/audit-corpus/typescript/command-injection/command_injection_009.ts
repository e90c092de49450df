// expect: command-injection (on the marked line)
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/command-injection/9", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  spawn("sh", ["-c", "nslookup " + bar], { shell: true });  // expect: command-injection
  res.end();
});

app.listen(3000);
