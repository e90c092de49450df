// expect: open-redirect (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/23", async (req: Request, res: Response) => {
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
  res.redirect(bar);  // expect: open-redirect
});

app.listen(3000);
