// expect: command-injection (on the marked line)
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/30", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  exec("ping -c 1 " + bar, (err, out) => res.send(out));  // expect: command-injection
});

app.listen(3000);
