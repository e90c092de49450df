// expect: log-injection (on the marked line)
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

app.post("/log-injection/23", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  console.log("login attempt for " + bar);  // expect: log-injection
  res.end();
});

app.listen(3000);
