// expect: nosql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/nosql-injection/3", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  const users = await db.collection("users").find({ $where: "this.name == '" + bar + "'" }).toArray();  // expect: nosql-injection
  res.json(users);
});

app.listen(3000);
