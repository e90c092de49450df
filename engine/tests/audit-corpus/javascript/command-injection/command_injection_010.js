// expect: command-injection (on the marked line)
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/10", async (req, res) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  exec("ping -c 1 " + bar, (err, out) => res.send(out));  // expect: command-injection
});

app.listen(3000);
