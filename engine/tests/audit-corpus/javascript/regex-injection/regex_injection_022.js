// ok: regex-injection
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/22", async (req, res) => {
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
  const re = new RegExp(bar);
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
