// ok: path-traversal
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/28", async (req, res) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  fs.readFile("/var/app/files/" + bar, (err, data) => res.send(data));
});

app.listen(3000);
