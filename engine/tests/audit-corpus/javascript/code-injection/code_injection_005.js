// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/5", async (req, res) => {
  const param = req.cookies.name;
  const bar = param;
  res.json(vm.runInNewContext(bar, {}));  // expect: code-injection
});

app.listen(3000);
