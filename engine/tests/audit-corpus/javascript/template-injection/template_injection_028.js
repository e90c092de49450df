// ok: template-injection
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/28", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.send(ejs.render("<h1>Hello " + bar + "</h1>"));
});

app.listen(3000);
