// ok: regex-injection
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/regex-injection/20", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.json(items.filter((i) => new RegExp("^" + bar).test(i)));
});

app.listen(3000);
