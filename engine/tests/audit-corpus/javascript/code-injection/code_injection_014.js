// ok: code-injection
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/14", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  res.json(Number(bar) * 2);
});

app.listen(3000);
