// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/2", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  res.json(eval(bar));  // expect: code-injection
});

app.listen(3000);
