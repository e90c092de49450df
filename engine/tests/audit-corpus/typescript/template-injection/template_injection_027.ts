// ok: template-injection
import express, { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

const app = express();
app.use(express.json());

function doSomething(value: string): string {
  const fixed = "safe!";
  return fixed;
}

app.post("/template-injection/27", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = doSomething(param);
  res.send(ejs.render("<h1>Hello " + bar + "</h1>"));
});

app.listen(3000);
