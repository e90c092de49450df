// ok: xss
import express, { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

const app = express();
app.use(express.json());

app.post("/xss/31", async (req: Request, res: Response) => {
  const param = req.query.name;
  const valuesList = ["safe", param, "moresafe"];
  valuesList.shift();
  const bar = valuesList[1];
  res.status(200).send("<h1>" + bar + "</h1>");
});

app.listen(3000);
