// ok: template-injection
import express, { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

const app = express();
app.use(express.json());

app.post("/template-injection/14", async (req: Request, res: Response) => {
  const param = req.body.name;
  const bar = param;
  res.send(ejs.render("<h1>Hello <%= name %></h1>", { name: bar }));
});

app.listen(3000);
