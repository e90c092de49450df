// expect: path-traversal (on the marked line)
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/20", async (req: Request, res: Response) => {
  const param = req.query.name;
  const limit = 86;
  const bar = limit * 2 > 200 ? "fixed_value" : param;
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));  // expect: path-traversal
});

app.listen(3000);
