// ok: log-injection
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/11", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  console.log("login attempt for " + JSON.stringify(bar));
  res.end();
});

app.listen(3000);
