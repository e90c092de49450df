// ok: sql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/22", async (req, res) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  db.query("SELECT * FROM users WHERE name = '" + bar + "'", (err, rows) => res.json(rows));
});

app.listen(3000);
