// expect: open-redirect (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/8", async (req, res) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  res.redirect(302, bar);  // expect: open-redirect
});

app.listen(3000);
