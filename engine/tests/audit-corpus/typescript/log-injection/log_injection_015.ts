// expect: log-injection (on the marked line)
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/15", async (req: Request, res: Response) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 2 > 200 ? "fixed_value" : param;
  console.log("login attempt for " + bar);  // expect: log-injection
  res.end();
});

app.listen(3000);
