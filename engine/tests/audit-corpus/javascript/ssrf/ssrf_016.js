// ok: ssrf
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/16", async (req, res) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  const r = await axios.get(bar);
  res.send(r.data);
});

app.listen(3000);
