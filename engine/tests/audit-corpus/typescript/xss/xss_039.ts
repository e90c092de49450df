// ok: xss
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/39", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.write(`<div>${bar}</div>`);
  res.end();
});

app.listen(3000);
