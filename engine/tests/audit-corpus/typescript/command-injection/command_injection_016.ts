// ok: command-injection
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/16", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  const child = spawn("ls", ["--", bar]);
  child.stdout.pipe(res);
});

app.listen(3000);
