// expect: xss (on the marked line)
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/38", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.write(`<div>${bar}</div>`);  // expect: xss
  res.end();
});

app.listen(3000);
