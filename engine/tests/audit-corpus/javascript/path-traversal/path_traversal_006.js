// expect: path-traversal (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/6", async (req, res) => {
  const { name: param } = req.query;
  const bar = param;
  fs.unlinkSync(path.join("/var/app/uploads", bar));  // expect: path-traversal
  res.end();
});

app.listen(3000);
