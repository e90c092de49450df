// expect: log-injection (on the marked line)
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/8", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  logger.warn(`unknown item ${bar}`);  // expect: log-injection
  res.end();
});

app.listen(3000);
