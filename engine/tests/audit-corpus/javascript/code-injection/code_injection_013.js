// ok: code-injection
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/13", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  res.json(JSON.parse(bar));
});

app.listen(3000);
