// expect: zip-slip (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");
const unzipper = require("unzipper");

const app = express();
app.use(express.json());

app.post("/zip-slip/1", async (req, res) => {
  req.pipe(unzipper.Parse()).on("entry", (entry) => {
    entry.pipe(fs.createWriteStream(path.join("/var/app/extract", entry.path)));  // expect: zip-slip
  });
  res.end();
});

app.listen(3000);
