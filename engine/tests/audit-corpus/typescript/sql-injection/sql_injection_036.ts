// ok: sql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/36", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  db.query("SELECT * FROM users WHERE name = '" + bar + "'", (err, rows) => res.json(rows));
});

app.listen(3000);
