// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/5", async (req, res) => {
  const param = req.cookies.name;
  const bar = param;
  http.get(bar, (r) => r.pipe(res));  // expect: ssrf
});

app.listen(3000);
