// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/6", async (req, res) => {
  const { name: param } = req.query;
  const bar = param;
  res.json(vm.runInNewContext(bar, {}));  // expect: code-injection
});

app.listen(3000);
