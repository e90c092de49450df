// expect: path-traversal (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/11", async (req, res) => {
  fs.readFile("/var/app/files/" + req.query.name, (err, data) => res.send(data));  // expect: path-traversal
});

app.listen(3000);
