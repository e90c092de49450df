// expect: weak-crypto (on the marked line)
import express, { Request, Response } from "express";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import cors from "cors";
import * as jwt from "jsonwebtoken";
import * as yaml from "js-yaml";
import * as libxmljs from "libxmljs";
import * as serialize from "node-serialize";
import { MongoClient } from "mongodb";
const key = process.env.JWT_KEY;
const iv = Buffer.alloc(16);
const data = "payload";
function makeSession() {
  return crypto.randomUUID();
}

const app = express();
app.use(express.json());

app.post("/weak-crypto/2", async (req: Request, res: Response) => {
  const digest = crypto.createHash("sha1").update(data).digest("hex");  // expect: weak-crypto
});

app.listen(3000);
