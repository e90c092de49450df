// ok: template-injection
import express, { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

const app = express();
app.use(express.json());

app.post("/template-injection/33", async (req: Request, res: Response) => {
  const param = req.body.name;
  if (!/^[A-Za-z0-9_]+$/.test(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.send(pug.compile(bar)({}));
});

app.listen(3000);
