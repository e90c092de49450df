// expect: sql-injection (on the marked line)
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/23", async (req, res) => {
  const param = req.body.name;
  const values = new Map();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyB");
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${bar}'`);  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
