// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/31", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  db.query("SELECT * FROM users WHERE name = '" + bar + "'", (err, rows) => res.json(rows));  // expect: sql-injection
});

app.listen(3000);
