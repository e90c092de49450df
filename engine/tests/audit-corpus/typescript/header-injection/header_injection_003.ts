// expect: header-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/3", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = param;
  res.set("X-Request-Name", bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
