// ok: code-injection
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/15", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  res.json(Number(bar) * 2);
});

app.listen(3000);
