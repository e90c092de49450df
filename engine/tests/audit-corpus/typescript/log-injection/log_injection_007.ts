// expect: log-injection (on the marked line)
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/log-injection/7", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  console.log("login attempt for " + bar);  // expect: log-injection
  res.end();
});

app.listen(3000);
