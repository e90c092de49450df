// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/9", async (req, res) => {
  const param = req.query.name;
  const bar = "item-" + param;
  db.query("SELECT * FROM users WHERE name = '" + bar + "'", (err, rows) => res.json(rows));  // expect: sql-injection
});

app.listen(3000);
