// expect: log-injection (on the marked line)
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/17", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  console.log("login attempt for " + bar);  // expect: log-injection
  res.end();
});

app.listen(3000);
