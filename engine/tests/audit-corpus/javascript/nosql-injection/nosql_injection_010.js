// ok: nosql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/nosql-injection/10", async (req, res) => {
  const param = req.query.name;
  const bar = param;
  const user = await User.findOne({ name: String(bar) });
  res.json(user);
});

app.listen(3000);
