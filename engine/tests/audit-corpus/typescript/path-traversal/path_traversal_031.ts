// ok: path-traversal
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/31", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));
});

app.listen(3000);
