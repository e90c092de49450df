// ok: xss
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/xss/33", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.send("<p>Hello " + bar + "</p>");
});

app.listen(3000);
