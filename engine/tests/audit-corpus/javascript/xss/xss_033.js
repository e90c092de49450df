// expect: xss (on the marked line)
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/33", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.write(`<div>${bar}</div>`);  // expect: xss
  res.end();
});

app.listen(3000);
