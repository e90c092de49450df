// ok: path-traversal
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/path-traversal/27", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));
});

app.listen(3000);
