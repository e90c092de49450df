// expect: xpath-injection (on the marked line)
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/xpath-injection/7", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);  // expect: xpath-injection
  res.json(nodes.length);
});

app.listen(3000);
