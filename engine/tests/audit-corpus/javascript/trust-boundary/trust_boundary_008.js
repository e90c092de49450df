// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/8", async (req, res) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  req.session["user"] = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
