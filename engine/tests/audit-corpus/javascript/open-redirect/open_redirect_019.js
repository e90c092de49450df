// expect: open-redirect (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/open-redirect/19", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.redirect(302, bar);  // expect: open-redirect
});

app.listen(3000);
