// expect: sql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/8", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  const rows = await sequelize.query("UPDATE users SET seen = 1 WHERE name = '" + bar + "'");  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
