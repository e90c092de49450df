// expect: template-injection (on the marked line)
import express, { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

const app = express();
app.use(express.json());

app.post("/template-injection/30", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.send(ejs.render("<h1>Hello " + bar + "</h1>"));  // expect: template-injection
});

app.listen(3000);
