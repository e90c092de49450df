// expect: template-injection (on the marked line)
import express, { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

const app = express();
app.use(express.json());

app.post("/template-injection/32", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.send(pug.compile(bar)({}));  // expect: template-injection
});

app.listen(3000);
