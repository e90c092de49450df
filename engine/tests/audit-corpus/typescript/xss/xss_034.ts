// expect: xss (on the marked line)
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/34", async (req: Request, res: Response) => {
  const param = req.query.name;
  const selector = 1;
  let bar: string;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  res.write(`<div>${bar}</div>`);  // expect: xss
  res.end();
});

app.listen(3000);
