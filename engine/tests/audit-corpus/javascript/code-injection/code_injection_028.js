// ok: code-injection
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/28", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.json(eval(bar));
});

app.listen(3000);
