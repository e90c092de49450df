// expect: log-injection (on the marked line)
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/25", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  console.log("login attempt for " + bar);  // expect: log-injection
  res.end();
});

app.listen(3000);
