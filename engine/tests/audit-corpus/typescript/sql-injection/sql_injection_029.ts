// expect: sql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/29", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[0];
  const rows = await knex.raw("SELECT * FROM users WHERE name = '" + bar + "'");  // expect: sql-injection
  res.json(rows);
});

app.listen(3000);
