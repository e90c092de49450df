// expect: command-injection (on the marked line)
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/27", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  exec("ping -c 1 " + bar, (err, out) => res.send(out));  // expect: command-injection
});

app.listen(3000);
