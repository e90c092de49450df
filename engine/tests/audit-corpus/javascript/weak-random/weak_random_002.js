// expect: weak-random (on the marked line)
const express = require("express");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const cors = require("cors");
const jwt = require("jsonwebtoken");
const yaml = require("js-yaml");
const libxmljs = require("libxmljs");
const serialize = require("node-serialize");
const { MongoClient } = require("mongodb");
const key = process.env.JWT_KEY;
const iv = Buffer.alloc(16);
const data = "payload";
function makeSession() {
  return crypto.randomUUID();
}

const app = express();
app.use(express.json());

app.post("/weak-random/2", async (req, res) => {
  const sessionId = Math.floor(Math.random() * 1e16).toString(16);  // expect: weak-random
  req.session.sid = sessionId;
});

app.listen(3000);
