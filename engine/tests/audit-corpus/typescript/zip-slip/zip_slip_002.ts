// ok: zip-slip
import express, { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";
import * as unzipper from "unzipper";

const app = express();
app.use(express.json());

app.post("/zip-slip/2", async (req: Request, res: Response) => {
  req.pipe(unzipper.Parse()).on("entry", (entry) => {
    entry.pipe(fs.createWriteStream(path.join("/var/app/extract", path.basename(entry.path))));
  });
  res.end();
});

app.listen(3000);
