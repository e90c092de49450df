// ok: command-injection
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/14", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  const child = spawn("ls", ["--", bar]);
  child.stdout.pipe(res);
});

app.listen(3000);
