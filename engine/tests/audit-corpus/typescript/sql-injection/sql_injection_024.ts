// ok: sql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/24", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = "constant-value";
  db.query("SELECT * FROM users WHERE name = '" + bar + "'", (err, rows) => res.json(rows));
});

app.listen(3000);
