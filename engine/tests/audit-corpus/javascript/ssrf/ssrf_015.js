// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/15", async (req, res) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 2 > 200 ? "fixed_value" : param;
  const r = await axios.get(bar);  // expect: ssrf
  res.send(r.data);
});

app.listen(3000);
