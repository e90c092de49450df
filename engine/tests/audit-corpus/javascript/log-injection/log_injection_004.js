// expect: log-injection (on the marked line)
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/4", async (req, res) => {
  const param = req.get("X-Name");
  const bar = param;
  logger.warn(`unknown item ${bar}`);  // expect: log-injection
  res.end();
});

app.listen(3000);
