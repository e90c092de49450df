// ok: open-redirect
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/26", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.redirect(302, bar);
});

app.listen(3000);
