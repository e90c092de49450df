// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/trust-boundary/19", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  req.session["user"] = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
