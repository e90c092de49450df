// ok: path-traversal
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/14", async (req, res) => {
  const param = req.body.name;
  const bar = param;
  res.sendFile(bar, { root: "/var/app/files" });
});

app.listen(3000);
