// expect: template-injection (on the marked line)
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/template-injection/23", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.send(ejs.render("<h1>Hello " + bar + "</h1>"));  // expect: template-injection
});

app.listen(3000);
