// expect: xss (on the marked line)
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/36", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.send("<p>Hello " + bar + "</p>");  // expect: xss
});

app.listen(3000);
