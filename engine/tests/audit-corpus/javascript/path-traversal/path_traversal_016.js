// ok: path-traversal
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/16", async (req, res) => {
  const param = req.query.name;
  const bar = "constant-value";
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));
});

app.listen(3000);
