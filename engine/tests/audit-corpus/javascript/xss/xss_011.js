// expect: xss (on the marked line)
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/11", async (req, res) => {
  res.send("<p>Hello " + req.query.name + "</p>");  // expect: xss
});

app.listen(3000);
