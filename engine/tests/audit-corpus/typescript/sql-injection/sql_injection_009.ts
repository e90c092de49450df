// expect: sql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/9", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = "item-" + param;
  db.query("SELECT * FROM users WHERE name = '" + bar + "'", (err, rows) => res.json(rows));  // expect: sql-injection
});

app.listen(3000);
