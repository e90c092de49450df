// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/code-injection/23", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.json(eval(bar));  // expect: code-injection
});

app.listen(3000);
