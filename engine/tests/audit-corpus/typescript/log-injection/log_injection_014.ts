// ok: log-injection
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/14", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = "constant-value";
  console.log("login attempt for " + bar);
  res.end();
});

app.listen(3000);
