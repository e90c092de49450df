// ok: regex-injection
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/16", async (req, res) => {
  const param = req.body.name;
  const values = new Map();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyA");
  res.json(items.filter((i) => new RegExp("^" + bar).test(i)));
});

app.listen(3000);
