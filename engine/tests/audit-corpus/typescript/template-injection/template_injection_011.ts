// expect: template-injection (on the marked line)
import express, { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

const app = express();
app.use(express.json());

app.post("/template-injection/11", async (req: Request, res: Response) => {
  res.send(ejs.render("<h1>Hello " + req.query.name + "</h1>"));  // expect: template-injection
});

app.listen(3000);
