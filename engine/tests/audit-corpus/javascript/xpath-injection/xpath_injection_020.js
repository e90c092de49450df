// ok: xpath-injection
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/xpath-injection/20", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const node = xpath.select1(`//user[@id='${bar}']`, doc);
  res.json(Boolean(node));
});

app.listen(3000);
