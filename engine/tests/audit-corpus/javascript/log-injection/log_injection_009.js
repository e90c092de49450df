// expect: log-injection (on the marked line)
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/9", async (req, res) => {
  console.log("login attempt for " + req.query.name);  // expect: log-injection
  res.end();
});

app.listen(3000);
