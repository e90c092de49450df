// ok: trust-boundary
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/12", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  req.session.role = bar;
  res.end();
});

app.listen(3000);
