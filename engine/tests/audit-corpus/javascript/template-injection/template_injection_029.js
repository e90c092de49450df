// expect: template-injection (on the marked line)
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/29", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.send(pug.compile(bar)({}));  // expect: template-injection
});

app.listen(3000);
