// ok: regex-injection
const express = require("express");
const _ = require("lodash");
const items = ["a", "b"];

const app = express();
app.use(express.json());

app.post("/regex-injection/26", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.json(items.filter((i) => new RegExp("^" + bar).test(i)));
});

app.listen(3000);
