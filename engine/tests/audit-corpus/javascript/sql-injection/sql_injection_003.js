// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/3", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${bar}'`);  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
