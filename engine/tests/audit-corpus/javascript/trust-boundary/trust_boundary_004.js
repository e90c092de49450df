// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/4", async (req, res) => {
  const param = req.get("X-Name");
  const bar = param;
  req.session["user"] = bar;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
