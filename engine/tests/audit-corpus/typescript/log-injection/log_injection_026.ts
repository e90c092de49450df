// ok: log-injection
import express, { Request, Response } from "express";
import logger from "./logger";

const app = express();
app.use(express.json());

app.post("/log-injection/26", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  console.log("login attempt for " + bar);
  res.end();
});

app.listen(3000);
