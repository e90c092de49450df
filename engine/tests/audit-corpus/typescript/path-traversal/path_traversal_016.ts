// ok: path-traversal
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

const app = express();
app.use(express.json());

app.post("/path-traversal/16", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  res.sendFile(bar, { root: "/var/app/files" });
});

app.listen(3000);
