// expect: xss (on the marked line)
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/xss/9", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  res.status(200).send("<h1>" + bar + "</h1>");  // expect: xss
});

app.listen(3000);
