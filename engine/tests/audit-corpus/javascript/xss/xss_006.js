// expect: xss (on the marked line)
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/6", async (req, res) => {
  const { name: param } = req.query;
  const bar = param;
  res.status(200).send("<h1>" + bar + "</h1>");  // expect: xss
});

app.listen(3000);
