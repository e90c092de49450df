// ok: ssrf
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

app.post("/ssrf/28", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  const r = await axios.get(bar);
  res.send(r.data);
});

app.listen(3000);
