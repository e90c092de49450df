// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/11", async (req, res) => {
  const r = await axios.get(req.query.name);  // expect: ssrf
  res.send(r.data);
});

app.listen(3000);
