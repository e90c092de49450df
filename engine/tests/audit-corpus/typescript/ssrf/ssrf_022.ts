// ok: ssrf
import express, { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

const app = express();
app.use(express.json());

app.post("/ssrf/22", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  http.get(bar, (r) => r.pipe(res));
});

app.listen(3000);
