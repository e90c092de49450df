// ok: template-injection
import express, { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

const app = express();
app.use(express.json());

app.post("/template-injection/31", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    return res.status(400).send("bad request");
  }
  const bar = param;
  res.send(ejs.render("<h1>Hello " + bar + "</h1>"));
});

app.listen(3000);
