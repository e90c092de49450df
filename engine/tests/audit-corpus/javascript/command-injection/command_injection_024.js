// ok: command-injection
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/command-injection/24", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  exec("ping -c 1 " + bar, (err, out) => res.send(out));
});

app.listen(3000);
