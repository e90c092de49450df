// expect: ssrf (on the marked line)
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/ssrf/9", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  http.get(bar, (r) => r.pipe(res));  // expect: ssrf
});

app.listen(3000);
