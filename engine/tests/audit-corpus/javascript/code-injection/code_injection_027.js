// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/27", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.json(eval(bar));  // expect: code-injection
});

app.listen(3000);
