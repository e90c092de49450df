// expect: sql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/37", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${bar}'`);  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
