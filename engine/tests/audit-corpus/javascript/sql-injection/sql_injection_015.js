// ok: sql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/15", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  db.query("SELECT * FROM users WHERE name = ?", [bar], (err, rows) => res.json(rows));
});

app.listen(3000);
