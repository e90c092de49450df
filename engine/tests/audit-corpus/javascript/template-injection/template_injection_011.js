// expect: template-injection (on the marked line)
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/11", async (req, res) => {
  res.send(ejs.render("<h1>Hello " + req.query.name + "</h1>"));  // expect: template-injection
});

app.listen(3000);
