// expect: xss (on the marked line)
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/xss/27", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.send("<p>Hello " + bar + "</p>");  // expect: xss
});

app.listen(3000);
