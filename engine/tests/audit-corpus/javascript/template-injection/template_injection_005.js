// expect: template-injection (on the marked line)
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/5", async (req, res) => {
  const param = req.cookies.name;
  const bar = param;
  res.send(Handlebars.compile("Hello " + bar)({}));  // expect: template-injection
});

app.listen(3000);
