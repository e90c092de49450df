// ok: header-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/26", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.set("X-Request-Name", bar);
  res.end();
});

app.listen(3000);
