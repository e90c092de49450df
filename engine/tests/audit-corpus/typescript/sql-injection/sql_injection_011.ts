// expect: sql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/sql-injection/11", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  const rows = await knex.raw("SELECT * FROM users WHERE name = '" + bar + "'");  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
