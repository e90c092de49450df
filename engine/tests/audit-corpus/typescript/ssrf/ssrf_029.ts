// expect: ssrf (on the marked line)
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

app.post("/ssrf/29", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const r = await fetch("http://" + bar + "/api/status");  // expect: ssrf
  res.send(await r.text());
});

app.listen(3000);
