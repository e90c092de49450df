// expect: xss (on the marked line)
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/5", async (req: Request, res: Response) => {
  const param = req.cookies.name;
  const bar = param;
  res.status(200).send("<h1>" + bar + "</h1>");  // expect: xss
});

app.listen(3000);
