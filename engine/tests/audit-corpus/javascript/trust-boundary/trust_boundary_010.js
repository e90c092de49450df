// ok: trust-boundary
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/10", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  req.session.views = Number(bar);
  res.end();
});

app.listen(3000);
