// ok: open-redirect
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/open-redirect/20", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.redirect(302, bar);
});

app.listen(3000);
