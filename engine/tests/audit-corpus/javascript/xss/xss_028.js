// ok: xss
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/xss/28", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.send("<p>Hello " + bar + "</p>");
});

app.listen(3000);
