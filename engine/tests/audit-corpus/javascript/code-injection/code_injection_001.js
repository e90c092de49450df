// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/1", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  res.json(eval(bar));  // expect: code-injection
});

app.listen(3000);
