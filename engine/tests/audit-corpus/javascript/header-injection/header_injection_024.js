// ok: header-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/24", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);
  res.end();
});

app.listen(3000);
