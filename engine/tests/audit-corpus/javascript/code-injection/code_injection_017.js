// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/17", async (req, res) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 2 > 200 ? "fixed_value" : param;
  res.json(eval(bar));  // expect: code-injection
});

app.listen(3000);
