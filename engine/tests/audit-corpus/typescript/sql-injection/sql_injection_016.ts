// ok: sql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/16", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  db.query("SELECT * FROM users WHERE name = ?", [bar], (err, rows) => res.json(rows));
});

app.listen(3000);
