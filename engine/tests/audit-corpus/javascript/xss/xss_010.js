// expect: xss (on the marked line)
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/10", async (req, res) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  res.send("<p>Hello " + bar + "</p>");  // expect: xss
});

app.listen(3000);
