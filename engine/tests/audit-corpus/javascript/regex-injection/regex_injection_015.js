// expect: regex-injection (on the marked line)
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/15", async (req, res) => {
  const param = req.body.name;
  const values = new Map();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyB");
  res.json(items.filter((i) => new RegExp("^" + bar).test(i)));  // expect: regex-injection
});

app.listen(3000);
