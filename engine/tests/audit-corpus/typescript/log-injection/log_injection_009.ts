// expect: log-injection (on the marked line)
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/9", async (req: Request, res: Response) => {
  console.log("login attempt for " + req.query.name);  // expect: log-injection
  res.end();
});

app.listen(3000);
