// ok: xss
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/17", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = param;
  res.send("<p>Hello " + DOMPurify.sanitize(bar) + "</p>");
});

app.listen(3000);
