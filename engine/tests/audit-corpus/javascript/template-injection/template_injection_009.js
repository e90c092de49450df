// expect: template-injection (on the marked line)
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/template-injection/9", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  res.send(Handlebars.compile("Hello " + bar)({}));  // expect: template-injection
});

app.listen(3000);
