// ok: command-injection
import express, { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/31", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  exec("ping -c 1 " + bar, (err, out) => res.send(out));
});

app.listen(3000);
