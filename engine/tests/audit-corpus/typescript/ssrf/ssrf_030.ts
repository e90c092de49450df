// ok: ssrf
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

app.post("/ssrf/30", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const r = await fetch("http://" + bar + "/api/status");
  res.send(await r.text());
});

app.listen(3000);
