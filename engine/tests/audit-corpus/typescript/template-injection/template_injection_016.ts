// ok: template-injection
import express, { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

const app = express();
app.use(express.json());

app.post("/template-injection/16", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  res.send(Handlebars.compile("Hello {{name}}")({ name: bar }));
});

app.listen(3000);
