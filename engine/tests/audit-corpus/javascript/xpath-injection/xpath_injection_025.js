// expect: xpath-injection (on the marked line)
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/25", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const node = xpath.select1(`//user[@id='${bar}']`, doc);  // expect: xpath-injection
  res.json(Boolean(node));
});

app.listen(3000);
