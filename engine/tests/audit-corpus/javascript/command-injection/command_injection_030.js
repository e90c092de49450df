// ok: command-injection
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/30", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const out = child_process.execSync(`ls ${bar}`);
  res.send(out);
});

app.listen(3000);
