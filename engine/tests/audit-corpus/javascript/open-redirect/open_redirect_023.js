// expect: open-redirect (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/23", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.redirect(bar);  // expect: open-redirect
});

app.listen(3000);
