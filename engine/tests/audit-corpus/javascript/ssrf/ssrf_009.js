// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/ssrf/9", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  http.get(bar, (r) => r.pipe(res));  // expect: ssrf
});

app.listen(3000);
