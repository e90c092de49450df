// expect: header-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/25", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.set("X-Request-Name", bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
