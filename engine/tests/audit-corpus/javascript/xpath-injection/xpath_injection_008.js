// expect: xpath-injection (on the marked line)
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/8", async (req, res) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  const node = xpath.select1(`//user[@id='${bar}']`, doc);  // expect: xpath-injection
  res.json(Boolean(node));
});

app.listen(3000);
