// ok: log-injection
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/log-injection/22", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  logger.warn(`unknown item ${bar}`);
  res.end();
});

app.listen(3000);
