// expect: template-injection (on the marked line)
import express, { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

const app = express();
app.use(express.json());

app.post("/template-injection/6", async (req: Request, res: Response) => {
  const { name: param } = req.query;
  const bar = param;
  res.send(Handlebars.compile("Hello " + bar)({}));  // expect: template-injection
});

app.listen(3000);
