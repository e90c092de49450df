// ok: nosql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/nosql-injection/24", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const user = await User.findOne({ name: bar });
  res.json(user);
});

app.listen(3000);
