// expect: trust-boundary (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/9", async (req, res) => {
  req.session.role = req.query.name;  // expect: trust-boundary
  res.end();
});

app.listen(3000);
