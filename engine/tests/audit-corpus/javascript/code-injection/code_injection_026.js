// ok: code-injection
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/26", async (req, res) => {
  const param = req.query.name;
  const selector = 2;
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
  const fn = new Function("return " + bar);
  res.json(fn());
});

app.listen(3000);
