// expect: header-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/9", async (req, res) => {
  res.setHeader("Content-Disposition", "attachment; filename=" + req.query.name);  // expect: header-injection
  res.end();
});

app.listen(3000);
