// expect: xss (on the marked line)
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  return value + "_checked";
}

app.post("/xss/32", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.send("<p>Hello " + bar + "</p>");  // expect: xss
});

app.listen(3000);
