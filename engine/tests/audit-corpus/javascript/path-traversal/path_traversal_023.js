// expect: path-traversal (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

function doSomething(value) {
  return value + "_checked";
}

app.post("/path-traversal/23", async (req, res) => {
  const param = req.body.name;
  const bar = doSomething(param);
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));  // expect: path-traversal
});

app.listen(3000);
