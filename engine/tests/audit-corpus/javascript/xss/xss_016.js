// ok: xss
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/16", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  res.render("hello", { name: bar });
});

app.listen(3000);
