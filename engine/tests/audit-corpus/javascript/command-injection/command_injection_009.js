// expect: command-injection (on the marked line)
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/command-injection/9", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  spawn("sh", ["-c", "nslookup " + bar], { shell: true });  // expect: command-injection
  res.end();
});

app.listen(3000);
