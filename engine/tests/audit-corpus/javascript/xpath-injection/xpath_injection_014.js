// ok: xpath-injection
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/14", async (req, res) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);
  res.json(nodes.length);
});

app.listen(3000);
