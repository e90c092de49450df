// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/6", async (req, res) => {
  const { name: param } = req.query;
  const bar = param;
  const rows = await knex.raw("SELECT * FROM users WHERE name = '" + bar + "'");  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
