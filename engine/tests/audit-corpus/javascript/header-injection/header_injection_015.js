// expect: header-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/header-injection/15", async (req, res) => {
  const param = req.body.name;
  const values = new Map();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyB");
  res.set("X-Request-Name", bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
