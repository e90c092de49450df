// ok: nosql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/nosql-injection/12", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  const user = await User.findOne({ name: bar });
  res.json(user);
});

app.listen(3000);
