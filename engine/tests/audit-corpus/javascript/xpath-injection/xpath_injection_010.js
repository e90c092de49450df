// ok: xpath-injection
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/10", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  const nodes = xpath.parse("//user[@name=$name]").select({ node: doc, variables: { name: bar } });
  res.json(nodes.length);
});

app.listen(3000);
