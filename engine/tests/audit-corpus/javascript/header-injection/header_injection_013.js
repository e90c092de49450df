// expect: header-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/13", async (req, res) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 2 > 200 ? "fixed_value" : param;
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
