// ok: nosql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/nosql-injection/20", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  const user = await User.findOne({ name: bar });
  res.json(user);
});

app.listen(3000);
