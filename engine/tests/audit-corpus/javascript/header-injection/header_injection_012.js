// ok: header-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/12", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);
  res.end();
});

app.listen(3000);
