// ok: trust-boundary
const express = require("express");

const app = express();
app.use(express.json());

app.post("/trust-boundary/26", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  req.session["user"] = bar;
  res.end();
});

app.listen(3000);
