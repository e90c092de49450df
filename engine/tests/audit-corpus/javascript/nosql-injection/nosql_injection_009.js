// expect: nosql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/nosql-injection/9", async (req, res) => {
  const user = await User.findOne({ name: req.query.name });  // expect: nosql-injection
  res.json(user);
});

app.listen(3000);
