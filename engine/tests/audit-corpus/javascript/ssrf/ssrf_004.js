// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/4", async (req, res) => {
  const param = req.get("X-Name");
  const bar = param;
  const r = await fetch("http://" + bar + "/api/status");  // expect: ssrf
  res.send(await r.text());
});

app.listen(3000);
