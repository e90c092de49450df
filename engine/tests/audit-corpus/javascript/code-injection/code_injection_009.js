// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/code-injection/9", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  res.json(vm.runInNewContext(bar, {}));  // expect: code-injection
});

app.listen(3000);
