// ok: xss
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/32", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.send("<p>Hello " + bar + "</p>");
});

app.listen(3000);
