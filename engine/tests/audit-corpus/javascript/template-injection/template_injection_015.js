// ok: template-injection
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/15", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  res.send(Handlebars.compile("Hello {{name}}")({ name: bar }));
});

app.listen(3000);
