// ok: ssrf
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

app.post("/ssrf/13", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = param;
  const r = await axios.get("https://api.example.com/items/" + encodeURIComponent(bar));
  res.send(r.data);
});

app.listen(3000);
