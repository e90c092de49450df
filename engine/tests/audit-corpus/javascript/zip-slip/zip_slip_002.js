// ok: zip-slip
const express = require("express");
const fs = require("fs");
const path = require("path");
const unzipper = require("unzipper");

const app = express();
app.use(express.json());

app.post("/zip-slip/2", async (req, res) => {
  req.pipe(unzipper.Parse()).on("entry", (entry) => {
    entry.pipe(fs.createWriteStream(path.join("/var/app/extract", path.basename(entry.path))));
  });
  res.end();
});

app.listen(3000);
