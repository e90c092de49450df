// expect: nosql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/nosql-injection/19", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const users = await db.collection("users").find({ $where: "this.name == '" + bar + "'" }).toArray();  // expect: nosql-injection
  res.json(users);
});

app.listen(3000);
