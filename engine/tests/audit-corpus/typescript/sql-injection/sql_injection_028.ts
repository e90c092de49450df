// ok: sql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/28", async (req: Request, res: Response) => {
  const param = req.body.name;
  const values = new Map<string, string>();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyA");
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${bar}'`);
  res.json(rows);
});

app.listen(3000);
