// ok: command-injection
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/28", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  exec("ping -c 1 " + bar, (err, out) => res.send(out));
});

app.listen(3000);
