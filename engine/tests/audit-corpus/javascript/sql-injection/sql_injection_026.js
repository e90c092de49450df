// ok: sql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/26", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  const rows = await knex.raw("SELECT * FROM users WHERE name = '" + bar + "'");
  res.json(rows);
});

app.listen(3000);
