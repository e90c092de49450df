// ok: regex-injection
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/10", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  const re = new RegExp(_.escapeRegExp(bar));
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
