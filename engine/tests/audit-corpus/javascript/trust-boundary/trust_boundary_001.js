// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/1", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  req.session.role = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
