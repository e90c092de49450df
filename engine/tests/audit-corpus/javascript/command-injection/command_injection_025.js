// expect: command-injection (on the marked line)
const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = child_process;

const app = express();
app.use(express.json());

app.post("/command-injection/25", async (req, res) => {
  const param = req.query.name;
  const selector = 1;
  let bar;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  const out = child_process.execSync(`ls ${bar}`);  // expect: command-injection
  res.send(out);
});

app.listen(3000);
