// ok: header-injection
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/header-injection/20", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.set("X-Request-Name", bar);
  res.end();
});

app.listen(3000);
