// expect: path-traversal (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/5", async (req, res) => {
  const param = req.cookies.name;
  const bar = param;
  fs.unlinkSync(path.join("/var/app/uploads", bar));  // expect: path-traversal
  res.end();
});

app.listen(3000);
