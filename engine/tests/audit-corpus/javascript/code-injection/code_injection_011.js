// expect: code-injection (on the marked line)
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/code-injection/11", async (req, res) => {
  res.json(eval(req.query.name));  // expect: code-injection
});

app.listen(3000);
