// expect: nosql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/nosql-injection/13", async (req, res) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 2 > 200 ? "fixed_value" : param;
  const user = await User.findOne({ name: bar });  // expect: nosql-injection
  res.json(user);
});

app.listen(3000);
