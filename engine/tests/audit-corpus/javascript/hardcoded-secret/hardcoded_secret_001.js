// expect: hardcoded-secret (on the marked line)
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

app.post("/hardcoded-secret/1", async (req, res) => {
  const client = new MongoClient("mongodb+srv://app:Tr0ub4dor3x@cluster0.example.net/app");  // expect: hardcoded-secret
  res.end();
});

app.listen(3000);
