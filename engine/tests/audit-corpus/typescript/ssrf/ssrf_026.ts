// ok: ssrf
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

app.post("/ssrf/26", async (req: Request, res: Response) => {
  const param = req.query.name;
  const selector = 2;
  let bar: string;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  const r = await fetch("http://" + bar + "/api/status");
  res.send(await r.text());
});

app.listen(3000);
