// ok: path-traversal
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/22", async (req, res) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  fs.unlinkSync(path.join("/var/app/uploads", bar));
  res.end();
});

app.listen(3000);
