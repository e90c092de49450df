// expect: command-injection (on the marked line)
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/11", async (req: Request, res: Response) => {
  exec("ping -c 1 " + req.query.name, (err, out) => res.send(out));  // expect: command-injection
});

app.listen(3000);
