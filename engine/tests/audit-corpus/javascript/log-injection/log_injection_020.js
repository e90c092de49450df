// ok: log-injection
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/log-injection/20", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  logger.warn(`unknown item ${bar}`);
  res.end();
});

app.listen(3000);
