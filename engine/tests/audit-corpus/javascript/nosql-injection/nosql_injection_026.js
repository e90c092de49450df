// ok: nosql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/nosql-injection/26", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const users = await db.collection("users").find({ $where: "this.name == '" + bar + "'" }).toArray();
  res.json(users);
});

app.listen(3000);
