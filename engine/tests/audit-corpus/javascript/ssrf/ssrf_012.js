// ok: ssrf
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/12", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  const r = await axios.get("https://api.example.com/items/" + encodeURIComponent(bar));
  res.send(r.data);
});

app.listen(3000);
