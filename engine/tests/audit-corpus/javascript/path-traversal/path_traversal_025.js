// expect: path-traversal (on the marked line)
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

app.post("/path-traversal/25", async (req, res) => {
  const param = req.query.name;
  const selector = 1;
  let bar;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  res.sendFile(path.join(__dirname, "files", bar));  // expect: path-traversal
});

app.listen(3000);
