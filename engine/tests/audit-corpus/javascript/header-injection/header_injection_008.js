// expect: header-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/8", async (req, res) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  res.set("X-Request-Name", bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
