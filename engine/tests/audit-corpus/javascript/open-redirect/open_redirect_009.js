// expect: open-redirect (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/open-redirect/9", async (req, res) => {
  res.redirect(req.query.name);  // expect: open-redirect
});

app.listen(3000);
