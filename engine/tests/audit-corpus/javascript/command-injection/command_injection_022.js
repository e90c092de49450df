// ok: command-injection
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/22", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  spawn("sh", ["-c", "nslookup " + bar], { shell: true });
  res.end();
});

app.listen(3000);
