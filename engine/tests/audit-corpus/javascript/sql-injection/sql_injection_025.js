// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/25", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  const rows = await knex.raw("SELECT * FROM users WHERE name = '" + bar + "'");  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
