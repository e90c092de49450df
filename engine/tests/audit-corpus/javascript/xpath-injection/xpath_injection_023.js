// expect: xpath-injection (on the marked line)
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/23", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);  // expect: xpath-injection
  res.json(nodes.length);
});

app.listen(3000);
