// expect: path-traversal (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/27", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));  // expect: path-traversal
});

app.listen(3000);
