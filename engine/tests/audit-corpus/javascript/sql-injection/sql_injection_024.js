// ok: sql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/24", async (req, res) => {
  const param = req.body.name;
  const values = new Map();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyA");
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${bar}'`);
  res.json(rows);
});

app.listen(3000);
