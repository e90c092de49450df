// ok: log-injection
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/11", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = param;
  console.log("login attempt for " + JSON.stringify(bar));
  res.end();
});

app.listen(3000);
