// ok: sql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/18", async (req, res) => {
  const param = req.params.id;
  const bar = param;
  const rows = await prisma.$queryRaw`SELECT * FROM users WHERE name = ${bar}`;
  res.json(rows);
});

app.listen(3000);
