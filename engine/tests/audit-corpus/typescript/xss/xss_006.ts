// expect: xss (on the marked line)
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/6", async (req: Request, res: Response) => {
  const { name: param } = req.query;
  const bar = param;
  res.status(200).send("<h1>" + bar + "</h1>");  // expect: xss
});

app.listen(3000);
