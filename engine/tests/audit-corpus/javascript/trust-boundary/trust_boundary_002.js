// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/2", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  req.session.role = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
