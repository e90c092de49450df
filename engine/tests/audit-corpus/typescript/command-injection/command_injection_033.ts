// ok: command-injection
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/33", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const out = child_process.execSync(`ls ${bar}`);
  res.send(out);
});

app.listen(3000);
