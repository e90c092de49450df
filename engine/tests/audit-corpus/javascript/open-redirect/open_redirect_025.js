// expect: open-redirect (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/25", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.redirect(302, bar);  // expect: open-redirect
});

app.listen(3000);
