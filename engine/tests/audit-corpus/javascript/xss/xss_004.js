// expect: xss (on the marked line)
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/4", async (req, res) => {
  const param = req.get("X-Name");
  const bar = param;
  res.write(`<div>${bar}</div>`);  // expect: xss
  res.end();
});

app.listen(3000);
