// An Express server with classic mistakes.
const express = require("express");
const { exec } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const https = require("https");

const app = express();
const apiToken = "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB";

app.get("/user", (req, res) => {
  db.query(`SELECT * FROM users WHERE id = ${req.query.id}`, (err, rows) => res.json(rows));
});

app.get("/ping", (req, res) => {
  exec("ping -c 1 " + req.query.host, (err, out) => res.send(out));
});

app.get("/hello", (req, res) => {
  res.send("<h1>Hello " + req.query.name + "</h1>");
});

app.get("/file", (req, res) => {
  res.send(fs.readFileSync("/srv/files/" + req.query.name));
});

app.get("/calc", (req, res) => {
  res.send(String(eval(req.query.expr)));
});

app.delete("/users/:id", (req, res) => {
  db.remove(req.params.id);
  res.sendStatus(204);
});

const agent = new https.Agent({ rejectUnauthorized: false });
const digest = (s) => crypto.createHash("md5").update(s).digest("hex");

app.listen(3000);
