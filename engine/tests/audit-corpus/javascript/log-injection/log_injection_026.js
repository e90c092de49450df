// ok: log-injection
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/26", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  logger.warn(`unknown item ${bar}`);
  res.end();
});

app.listen(3000);
