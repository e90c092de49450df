// expect: log-injection (on the marked line)
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/25", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  logger.warn(`unknown item ${bar}`);  // expect: log-injection
  res.end();
});

app.listen(3000);
