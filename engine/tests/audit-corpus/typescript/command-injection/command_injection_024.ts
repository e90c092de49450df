// expect: command-injection (on the marked line)
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/24", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  spawn("sh", ["-c", "nslookup " + bar], { shell: true });  // expect: command-injection
  res.end();
});

app.listen(3000);
