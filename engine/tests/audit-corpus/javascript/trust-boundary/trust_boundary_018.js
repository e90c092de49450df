// ok: trust-boundary
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/18", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  req.session.role = bar;
  res.end();
});

app.listen(3000);
