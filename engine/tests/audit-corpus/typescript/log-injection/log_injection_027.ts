// expect: log-injection (on the marked line)
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/27", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  logger.warn(`unknown item ${bar}`);  // expect: log-injection
  res.end();
});

app.listen(3000);
