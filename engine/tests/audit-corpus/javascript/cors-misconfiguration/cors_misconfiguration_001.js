// expect: cors-misconfiguration (on the marked line)
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

app.post("/cors-misconfiguration/1", async (req, res) => {
  app.use(cors({ origin: true, credentials: true }));  // expect: cors-misconfiguration
});

app.listen(3000);
