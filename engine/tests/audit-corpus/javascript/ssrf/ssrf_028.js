// ok: ssrf
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/28", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const r = await fetch("http://" + bar + "/api/status");
  res.send(await r.text());
});

app.listen(3000);
