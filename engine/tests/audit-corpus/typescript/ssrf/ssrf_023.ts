// expect: ssrf (on the marked line)
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  return value + "_checked";
}

app.post("/ssrf/23", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  const r = await axios.get(bar);  // expect: ssrf
  res.send(r.data);
});

app.listen(3000);
