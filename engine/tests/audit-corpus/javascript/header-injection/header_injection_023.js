// expect: header-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/23", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
