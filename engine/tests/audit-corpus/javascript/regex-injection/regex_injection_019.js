// expect: regex-injection (on the marked line)
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/regex-injection/19", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.json(items.filter((i) => new RegExp("^" + bar).test(i)));  // expect: regex-injection
});

app.listen(3000);
