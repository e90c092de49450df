// expect: ssrf (on the marked line)
const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
app.use(express.json());

app.post("/ssrf/23", async (req, res) => {
  const param = req.query.name;
  const selector = 1;
  let bar;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  const r = await fetch("http://" + bar + "/api/status");  // expect: ssrf
  res.send(await r.text());
});

app.listen(3000);
