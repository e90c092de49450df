// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/10", async (req, res) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  const r = await axios.get(bar);  // expect: ssrf
  res.send(r.data);
});

app.listen(3000);
