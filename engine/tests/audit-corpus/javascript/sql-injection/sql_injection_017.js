// ok: sql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/17", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  const rows = await pool.query("SELECT * FROM users WHERE name = $1", [bar]);
  res.json(rows);
});

app.listen(3000);
