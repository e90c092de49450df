// expect: path-traversal (on the marked line)
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/30", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));  // expect: path-traversal
});

app.listen(3000);
