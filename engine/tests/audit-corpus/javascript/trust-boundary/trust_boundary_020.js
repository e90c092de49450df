// ok: trust-boundary
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/trust-boundary/20", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  req.session["user"] = bar;
  res.end();
});

app.listen(3000);
