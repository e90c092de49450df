// expect: command-injection (on the marked line)
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/command-injection/23", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  exec("ping -c 1 " + bar, (err, out) => res.send(out));  // expect: command-injection
});

app.listen(3000);
