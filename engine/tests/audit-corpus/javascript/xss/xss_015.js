// ok: xss
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/15", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  res.send("<p>Hello " + DOMPurify.sanitize(bar) + "</p>");
});

app.listen(3000);
