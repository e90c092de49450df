// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/23", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  req.session.role = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
