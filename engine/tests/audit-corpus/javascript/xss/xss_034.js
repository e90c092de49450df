// ok: xss
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/34", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.write(`<div>${bar}</div>`);
  res.end();
});

app.listen(3000);
