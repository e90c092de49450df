// expect: nosql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/nosql-injection/23", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const user = await User.findOne({ name: bar });  // expect: nosql-injection
  res.json(user);
});

app.listen(3000);
