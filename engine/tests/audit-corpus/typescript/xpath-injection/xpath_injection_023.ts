// expect: xpath-injection (on the marked line)
import express, { Request, Response } from "express";
import * as xpath from "xpath";

const app = express();
app.use(express.json());

app.post("/xpath-injection/23", async (req: Request, res: Response) => {
  const param = req.query.name;
  const selector = 1;
  let bar: string;
  switch (selector) {
    case 1:
      bar = param;
      break;
    case 2:
      bar = "bob";
      break;
    default:
      bar = "bob's your uncle";
  }
  const nodes = xpath.select("//user[@name='" + bar + "']", doc);  // expect: xpath-injection
  res.json(nodes.length);
});

app.listen(3000);
