// ok: path-traversal
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/14", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  fs.readFile("/var/app/files/" + path.basename(bar), (err, data) => res.send(data));
});

app.listen(3000);
