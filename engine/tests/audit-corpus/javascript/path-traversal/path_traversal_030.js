// ok: path-traversal
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/30", async (req, res) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.sendFile(path.join(__dirname, "files", bar));
});

app.listen(3000);
