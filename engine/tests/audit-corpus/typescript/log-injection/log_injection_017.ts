// expect: log-injection (on the marked line)
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/17", async (req: Request, res: Response) => {
  const param = req.body.name;
  const values = new Map<string, string>();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyB");
  logger.warn(`unknown item ${bar}`);  // expect: log-injection
  res.end();
});

app.listen(3000);
