// ok: ssrf
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/14", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  const r = await axios.get(bar);
  res.send(r.data);
});

app.listen(3000);
