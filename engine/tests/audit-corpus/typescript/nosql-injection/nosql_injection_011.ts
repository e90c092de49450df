// ok: nosql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/nosql-injection/11", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = param;
  const user = await User.findOne({ name: String(bar) });
  res.json(user);
});

app.listen(3000);
