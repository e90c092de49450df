// expect: xss (on the marked line)
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/11", async (req: Request, res: Response) => {
  res.send("<p>Hello " + req.query.name + "</p>");  // expect: xss
});

app.listen(3000);
