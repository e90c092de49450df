// ok: xss
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/37", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.send("<p>Hello " + bar + "</p>");
});

app.listen(3000);
