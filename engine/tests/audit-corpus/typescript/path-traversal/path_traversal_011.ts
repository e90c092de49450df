// expect: path-traversal (on the marked line)
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/11", async (req: Request, res: Response) => {
  fs.readFile("/var/app/files/" + req.query.name, (err, data) => res.send(data));  // expect: path-traversal
});

app.listen(3000);
