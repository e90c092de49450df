// ok: open-redirect
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/18", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  res.redirect(bar);
});

app.listen(3000);
