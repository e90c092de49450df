// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/sql-injection/11", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  const rows = await knex.raw("SELECT * FROM users WHERE name = '" + bar + "'");  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
