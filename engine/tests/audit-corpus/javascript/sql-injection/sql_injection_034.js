// ok: sql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/34", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${bar}'`);
  res.json(rows);
});

app.listen(3000);
