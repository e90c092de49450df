// ok: xpath-injection
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/12", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);
  res.json(nodes.length);
});

app.listen(3000);
