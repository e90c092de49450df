// ok: path-traversal
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/13", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  fs.readFile("/var/app/files/" + path.basename(bar), (err, data) => res.send(data));
});

app.listen(3000);
