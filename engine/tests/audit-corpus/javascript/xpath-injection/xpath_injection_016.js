// ok: xpath-injection
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/16", async (req, res) => {
  const param = req.body.name;
  const values = new Map();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyA");
  const node = xpath.select1(`//user[@id='${bar}']`, doc);
  res.json(Boolean(node));
});

app.listen(3000);
