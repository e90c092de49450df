// expect: path-traversal (on the marked line)
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/32", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.sendFile(path.join(__dirname, "files", bar));  // expect: path-traversal
});

app.listen(3000);
