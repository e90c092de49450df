// expect: nosql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/nosql-injection/7", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  const user = await User.findOne({ name: bar });  // expect: nosql-injection
  res.json(user);
});

app.listen(3000);
