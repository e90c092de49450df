// ok: trust-boundary
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/16", async (req, res) => {
  const param = req.body.name;
  const values = new Map();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyA");
  req.session["user"] = bar;
  res.end();
});

app.listen(3000);
