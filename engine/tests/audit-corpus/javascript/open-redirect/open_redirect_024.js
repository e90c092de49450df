// ok: open-redirect
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/24", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.redirect(bar);
});

app.listen(3000);
