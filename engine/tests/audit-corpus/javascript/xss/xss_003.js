// expect: xss (on the marked line)
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/3", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  res.write(`<div>${bar}</div>`);  // expect: xss
  res.end();
});

app.listen(3000);
