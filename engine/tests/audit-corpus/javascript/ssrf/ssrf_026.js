// ok: ssrf
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/26", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const r = await axios.get(bar);
  res.send(r.data);
});

app.listen(3000);
