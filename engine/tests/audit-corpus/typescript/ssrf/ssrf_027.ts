// expect: ssrf (on the marked line)
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

app.post("/ssrf/27", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  const r = await axios.get(bar);  // expect: ssrf
  res.send(r.data);
});

app.listen(3000);
