// ok: xss
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/18", async (req, res) => {
  const param = req.get("X-Name");
  const bar = param;
  res.json({ name: bar });
});

app.listen(3000);
