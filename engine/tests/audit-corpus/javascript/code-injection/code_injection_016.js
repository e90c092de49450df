// ok: code-injection
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/16", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  res.json(eval(bar));
});

app.listen(3000);
