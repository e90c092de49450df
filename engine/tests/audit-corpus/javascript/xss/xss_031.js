// expect: xss (on the marked line)
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/31", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.send("<p>Hello " + bar + "</p>");  // expect: xss
});

app.listen(3000);
