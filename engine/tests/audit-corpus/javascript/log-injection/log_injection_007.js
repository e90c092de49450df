// expect: log-injection (on the marked line)
const express = require("express");
const logger = require("./logger");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/log-injection/7", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  console.log("login attempt for " + bar);  // expect: log-injection
  res.end();
});

app.listen(3000);
