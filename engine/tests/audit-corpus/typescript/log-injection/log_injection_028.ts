// ok: log-injection
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/28", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  logger.warn(`unknown item ${bar}`);
  res.end();
});

app.listen(3000);
