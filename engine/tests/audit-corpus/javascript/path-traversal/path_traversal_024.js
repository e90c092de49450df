// ok: path-traversal
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

function doSomething(value) {
  const fixed = "safe!";
  return fixed;
}

app.post("/path-traversal/24", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));
});

app.listen(3000);
