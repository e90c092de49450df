// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/25", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const r = await axios.get(bar);  // expect: ssrf
  res.send(r.data);
});

app.listen(3000);
