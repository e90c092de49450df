// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/sql-injection/27", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const rows = await sequelize.query("UPDATE users SET seen = 1 WHERE name = '" + bar + "'");  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
