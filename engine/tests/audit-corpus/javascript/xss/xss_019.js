// ok: xss
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/19", async (req, res) => {
  const param = req.cookies.name;
  const bar = param;
  res.json({ name: bar });
});

app.listen(3000);
