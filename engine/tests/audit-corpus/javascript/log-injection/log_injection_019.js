// expect: log-injection (on the marked line)
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/log-injection/19", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  logger.warn(`unknown item ${bar}`);  // expect: log-injection
  res.end();
});

app.listen(3000);
