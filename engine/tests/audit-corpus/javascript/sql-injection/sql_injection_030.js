// ok: sql-injection
const express = require("express");

const app = express();
app.use(express.json());

app.post("/sql-injection/30", async (req, res) => {
  const param = req.query.name;
  const selector = 2;
  let bar;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  db.query("SELECT * FROM users WHERE name = '" + bar + "'", (err, rows) => res.json(rows));
});

app.listen(3000);
