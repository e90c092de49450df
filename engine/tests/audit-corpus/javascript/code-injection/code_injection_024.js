// ok: code-injection
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/code-injection/24", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.json(eval(bar));
});

app.listen(3000);
