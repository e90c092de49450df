// ok: template-injection
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/template-injection/24", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.send(ejs.render("<h1>Hello " + bar + "</h1>"));
});

app.listen(3000);
