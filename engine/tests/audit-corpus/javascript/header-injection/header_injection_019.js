// expect: header-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/header-injection/19", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.set("X-Request-Name", bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
