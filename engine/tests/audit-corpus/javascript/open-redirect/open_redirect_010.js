// ok: open-redirect
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/10", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  res.redirect("/search?q=" + encodeURIComponent(bar));
});

app.listen(3000);
