// ok: nosql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/nosql-injection/16", async (req: Request, res: Response) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  const user = await User.findOne({ name: bar });
  res.json(user);
});

app.listen(3000);
