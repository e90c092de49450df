// ok: log-injection
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/12", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  console.log("login attempt for " + bar);
  res.end();
});

app.listen(3000);
