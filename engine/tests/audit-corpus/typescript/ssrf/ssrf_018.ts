// ok: ssrf
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

app.post("/ssrf/18", async (req: Request, res: Response) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 3 > 200 ? "fixed_value" : param;
  const r = await axios.get(bar);
  res.send(r.data);
});

app.listen(3000);
