// ok: xpath-injection
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/18", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);
  res.json(nodes.length);
});

app.listen(3000);
