// ok: trust-boundary
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/11", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  req.session.views = Number(bar);
  res.end();
});

app.listen(3000);
