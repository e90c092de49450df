// ok: ssrf
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/ssrf/22", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const r = await axios.get(bar);
  res.send(r.data);
});

app.listen(3000);
