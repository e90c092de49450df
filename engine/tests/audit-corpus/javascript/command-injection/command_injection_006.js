// expect: command-injection (on the marked line)
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/6", async (req, res) => {
  const { name: param } = req.query;
  const bar = param;
  spawn("sh", ["-c", "nslookup " + bar], { shell: true });  // expect: command-injection
  res.end();
});

app.listen(3000);
