// ok: code-injection
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/30", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const fn = new Function("return " + bar);
  res.json(fn());
});

app.listen(3000);
