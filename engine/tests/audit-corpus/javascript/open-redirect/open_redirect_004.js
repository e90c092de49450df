// expect: open-redirect (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/4", async (req, res) => {
  const param = req.get("X-Name");
  const bar = param;
  res.redirect(302, bar);  // expect: open-redirect
});

app.listen(3000);
