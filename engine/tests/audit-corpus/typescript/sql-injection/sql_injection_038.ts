// ok: sql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/38", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${bar}'`);
  res.json(rows);
});

app.listen(3000);
