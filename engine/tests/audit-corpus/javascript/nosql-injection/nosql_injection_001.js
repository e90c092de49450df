// expect: nosql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/nosql-injection/1", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  const user = await User.findOne({ name: bar });  // expect: nosql-injection
  res.json(user);
});

app.listen(3000);
