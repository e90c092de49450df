// ok: sql-injection
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/sql-injection/28", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const rows = await sequelize.query("UPDATE users SET seen = 1 WHERE name = '" + bar + "'");
  res.json(rows);
});

app.listen(3000);
