// ok: hardcoded-secret
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

app.post("/hardcoded-secret/3", async (req, res) => {
  const client = new MongoClient(process.env.MONGO_URL);
  res.end();
});

app.listen(3000);
