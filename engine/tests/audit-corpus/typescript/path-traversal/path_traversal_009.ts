// expect: path-traversal (on the marked line)
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/path-traversal/9", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  fs.unlinkSync(path.join("/var/app/uploads", bar));  // expect: path-traversal
  res.end();
});

app.listen(3000);
