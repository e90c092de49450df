// expect: regex-injection (on the marked line)
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/21", async (req, res) => {
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
  const re = new RegExp(bar);  // expect: regex-injection
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
