// expect: regex-injection (on the marked line)
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/regex-injection/7", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  const re = new RegExp(bar);  // expect: regex-injection
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
