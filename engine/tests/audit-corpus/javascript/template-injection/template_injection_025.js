// expect: template-injection (on the marked line)
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());

app.post("/template-injection/25", async (req, res) => {
  const param = req.query.name;
  const selector = 1;
  let bar;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  res.send(pug.compile(bar)({}));  // expect: template-injection
});

app.listen(3000);
