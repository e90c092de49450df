// expect: template-injection (on the marked line)
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/27", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.send(ejs.render("<h1>Hello " + bar + "</h1>"));  // expect: template-injection
});

app.listen(3000);
