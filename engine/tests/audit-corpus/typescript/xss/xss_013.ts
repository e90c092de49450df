// ok: xss
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/13", async (req: Request, res: Response) => {
  const param = req.query.name;
  const bar = param;
  res.send("<p>Hello " + escapeHtml(bar) + "</p>");
});

app.listen(3000);
