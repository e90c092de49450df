// expect: command-injection (on the marked line)
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/11", async (req, res) => {
  exec("ping -c 1 " + req.query.name, (err, out) => res.send(out));  // expect: command-injection
});

app.listen(3000);
