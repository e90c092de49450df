// ok: header-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/11", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  res.setHeader("Content-Disposition", "attachment; filename=" + encodeURIComponent(bar));
  res.end();
});

app.listen(3000);
