// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/3", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  const fn = new Function("return " + bar);  // expect: code-injection
  res.json(fn());
});

app.listen(3000);
