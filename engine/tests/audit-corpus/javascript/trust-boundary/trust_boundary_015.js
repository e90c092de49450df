// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/15", async (req, res) => {
  const param = req.body.name;
  const values = new Map();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyB");
  req.session["user"] = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
