// expect: path-traversal (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/29", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.sendFile(path.join(__dirname, "files", bar));  // expect: path-traversal
});

app.listen(3000);
