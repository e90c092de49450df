// ok: xss
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/23", async (req: Request, res: Response) => {
  const param = req.cookies.name;
  const bar = param;
  res.json({ name: bar });
});

app.listen(3000);
