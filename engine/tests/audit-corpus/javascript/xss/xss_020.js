// ok: xss
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/20", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  res.send("<p>Hello " + bar + "</p>");
});

app.listen(3000);
