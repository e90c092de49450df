// expect: xpath-injection (on the marked line)
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/9", async (req, res) => {
  const nodes = xpath.select("//user[@name='" + req.query.name + "']", doc);  // expect: xpath-injection
  res.json(nodes.length);
});

app.listen(3000);
