// ok: nosql-injection
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/nosql-injection/20", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const users = await db.collection("users").find({ $where: "this.name == '" + bar + "'" }).toArray();
  res.json(users);
});

app.listen(3000);
