// ok: template-injection
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/30", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.send(pug.compile(bar)({}));
});

app.listen(3000);
