// ok: xpath-injection
const express = require("express");
const xpath = require("xpath");

const app = express();
app.use(express.json());

app.post("/xpath-injection/26", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const node = xpath.select1(`//user[@id='${bar}']`, doc);
  res.json(Boolean(node));
});

app.listen(3000);
