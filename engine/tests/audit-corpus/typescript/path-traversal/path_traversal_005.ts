// expect: path-traversal (on the marked line)
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/5", async (req: Request, res: Response) => {
  const param = req.cookies.name;
  const bar = param;
  fs.unlinkSync(path.join("/var/app/uploads", bar));  // expect: path-traversal
  res.end();
});

app.listen(3000);
