// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/25", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  req.session["user"] = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
