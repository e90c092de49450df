// expect: sql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/33", async (req: Request, res: Response) => {
  const param = req.query.name;
  const selector = 1;
  let bar: string;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  db.query("SELECT * FROM users WHERE name = '" + bar + "'", (err, rows) => res.json(rows));  // expect: sql-injection
});

app.listen(3000);
