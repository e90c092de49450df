// ok: template-injection
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/13", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  res.send(ejs.render("<h1>Hello <%= name %></h1>", { name: bar }));
});

app.listen(3000);
