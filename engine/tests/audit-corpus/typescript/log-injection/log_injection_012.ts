// ok: log-injection
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/12", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  console.log("login attempt for " + JSON.stringify(bar));
  res.end();
});

app.listen(3000);
