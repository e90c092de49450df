// expect: header-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/8", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  res.set("X-Request-Name", bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
