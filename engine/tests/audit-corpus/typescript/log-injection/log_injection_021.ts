// expect: log-injection (on the marked line)
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  return value + "_checked";
}

app.post("/log-injection/21", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  logger.warn(`unknown item ${bar}`);  // expect: log-injection
  res.end();
});

app.listen(3000);
