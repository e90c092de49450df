// expect: open-redirect (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/2", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  res.redirect(bar);  // expect: open-redirect
});

app.listen(3000);
