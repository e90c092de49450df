// ok: regex-injection
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/24", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const re = new RegExp(bar);
  res.json(items.filter((i) => re.test(i)));
});

app.listen(3000);
