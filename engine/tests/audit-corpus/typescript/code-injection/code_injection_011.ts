// expect: code-injection (on the marked line)
import express, { Request, Response } from "express";
import * as vm from "vm";

const app = express();
app.use(express.json());

app.post("/code-injection/11", async (req: Request, res: Response) => {
  res.json(eval(req.query.name));  // expect: code-injection
});

app.listen(3000);
