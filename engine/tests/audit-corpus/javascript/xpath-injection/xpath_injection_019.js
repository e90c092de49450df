// expect: xpath-injection (on the marked line)
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/xpath-injection/19", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const node = xpath.select1(`//user[@id='${bar}']`, doc);  // expect: xpath-injection
  res.json(Boolean(node));
});

app.listen(3000);
