// expect: header-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/3", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  res.set("X-Request-Name", bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
