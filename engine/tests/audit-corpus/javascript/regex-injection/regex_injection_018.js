// ok: regex-injection
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/18", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  const re = new RegExp(bar);
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
