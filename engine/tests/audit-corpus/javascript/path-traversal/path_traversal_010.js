// expect: path-traversal (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/10", async (req, res) => {
  const param = req.query.name;
  const bar = param.toString().trim().toLowerCase();
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));  // expect: path-traversal
});

app.listen(3000);
