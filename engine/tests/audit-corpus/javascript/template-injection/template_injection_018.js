// ok: template-injection
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/18", async (req, res) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  res.send(ejs.render("<h1>Hello " + bar + "</h1>"));
});

app.listen(3000);
