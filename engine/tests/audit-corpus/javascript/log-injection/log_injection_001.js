// expect: log-injection (on the marked line)
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/1", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  console.log("login attempt for " + bar);  // expect: log-injection
  res.end();
});

app.listen(3000);
