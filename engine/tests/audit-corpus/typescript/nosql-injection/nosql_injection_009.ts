// expect: nosql-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/nosql-injection/9", async (req: Request, res: Response) => {
  const user = await User.findOne({ name: req.query.name });  // expect: nosql-injection
  res.json(user);
});

app.listen(3000);
