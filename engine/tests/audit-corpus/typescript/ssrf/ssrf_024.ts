// ok: ssrf
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/ssrf/24", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const r = await axios.get(bar);
  res.send(r.data);
});

app.listen(3000);
