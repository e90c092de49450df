// ok: path-traversal
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/33", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.sendFile(path.join(__dirname, "files", bar));
});

app.listen(3000);
