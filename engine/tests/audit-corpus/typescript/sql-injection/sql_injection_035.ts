// expect: sql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/35", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  db.query("SELECT * FROM users WHERE name = '" + bar + "'", (err, rows) => res.json(rows));  // expect: sql-injection
});

app.listen(3000);
