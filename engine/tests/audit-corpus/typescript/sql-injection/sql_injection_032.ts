// ok: sql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/sql-injection/32", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const rows = await sequelize.query("UPDATE users SET seen = 1 WHERE name = '" + bar + "'");
  res.json(rows);
});

app.listen(3000);
