// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/ssrf/21", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const r = await axios.get(bar);  // expect: ssrf
  res.send(r.data);
});

app.listen(3000);
