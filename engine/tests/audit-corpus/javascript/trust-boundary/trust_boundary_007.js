// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/trust-boundary/7", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  req.session.role = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
