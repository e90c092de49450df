// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/21", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  res.json(vm.runInNewContext(bar, {}));  // expect: code-injection
});

app.listen(3000);
