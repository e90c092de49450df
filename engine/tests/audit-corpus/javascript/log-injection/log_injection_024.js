// ok: log-injection
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/24", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  console.log("login attempt for " + bar);
  res.end();
});

app.listen(3000);
