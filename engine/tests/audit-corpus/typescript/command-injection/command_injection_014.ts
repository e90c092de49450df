// ok: command-injection
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/14", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  execFile("ping", ["-c", "1", bar], (err, out) => res.send(out));
});

app.listen(3000);
