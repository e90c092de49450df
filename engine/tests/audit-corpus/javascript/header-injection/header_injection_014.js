// ok: header-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/14", async (req, res) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);
  res.end();
});

app.listen(3000);
