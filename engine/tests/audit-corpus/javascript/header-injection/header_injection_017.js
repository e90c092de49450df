// expect: header-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/17", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
