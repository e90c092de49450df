// expect: path-traversal (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

function decorate(value) {
  return String(value).trim();
}

app.post("/path-traversal/9", async (req, res) => {
  const param = req.params.id;
  const bar = decorate(param);
  fs.unlinkSync(path.join("/var/app/uploads", bar));  // expect: path-traversal
  res.end();
});

app.listen(3000);
