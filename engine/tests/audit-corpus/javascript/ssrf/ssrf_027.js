// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/27", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const r = await fetch("http://" + bar + "/api/status");  // expect: ssrf
  res.send(await r.text());
});

app.listen(3000);
