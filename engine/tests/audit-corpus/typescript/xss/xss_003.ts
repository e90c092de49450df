// expect: xss (on the marked line)
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/3", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = param;
  res.write(`<div>${bar}</div>`);  // expect: xss
  res.end();
});

app.listen(3000);
