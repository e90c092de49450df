// ok: path-traversal
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/19", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = "constant-value";
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));
});

app.listen(3000);
