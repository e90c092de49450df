// ok: xss
const express = require("express");
const escapeHtml = require("escape-html");
const DOMPurify = require("isomorphic-dompurify");

const app = express();
app.use(express.json());

app.post("/xss/30", async (req, res) => {
  const param = req.query.name;
  const selector = 2;
  let bar;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  res.write(`<div>${bar}</div>`);
  res.end();
});

app.listen(3000);
