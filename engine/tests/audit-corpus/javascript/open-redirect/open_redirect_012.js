// ok: open-redirect
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/12", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  res.redirect(bar);
});

app.listen(3000);
