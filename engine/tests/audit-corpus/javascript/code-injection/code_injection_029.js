// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/29", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const fn = new Function("return " + bar);  // expect: code-injection
  res.json(fn());
});

app.listen(3000);
