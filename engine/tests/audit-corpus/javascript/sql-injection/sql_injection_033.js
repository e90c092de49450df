// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/33", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${bar}'`);  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
