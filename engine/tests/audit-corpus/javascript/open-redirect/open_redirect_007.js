// expect: open-redirect (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/open-redirect/7", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  res.redirect(bar);  // expect: open-redirect
});

app.listen(3000);
