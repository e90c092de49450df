// expect: ssrf (on the marked line)
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

app.post("/ssrf/6", async (req: Request, res: Response) => {
  const { name: param } = req.query;
  const bar = param;
  http.get(bar, (r) => r.pipe(res));  // expect: ssrf
});

app.listen(3000);
