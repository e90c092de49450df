// expect: command-injection (on the marked line)
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/21", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  spawn("sh", ["-c", "nslookup " + bar], { shell: true });  // expect: command-injection
  res.end();
});

app.listen(3000);
