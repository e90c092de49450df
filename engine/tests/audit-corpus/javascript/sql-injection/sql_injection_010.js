// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/10", async (req, res) => {
  const param = req.body.name;
  const bar = `item-${param}`;
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${bar}'`);  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
