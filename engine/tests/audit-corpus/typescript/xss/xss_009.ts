// expect: xss (on the marked line)
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

function decorate(value: string): string {
  return String(value).trim();
}

app.post("/xss/9", async (req: Request, res: Response) => {
  const param = req.params.id;
  const bar = decorate(param);
  res.status(200).send("<h1>" + bar + "</h1>");  // expect: xss
});

app.listen(3000);
