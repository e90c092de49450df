// ok: header-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/24", async (req: Request, res: Response) => {
  const param = req.query.name;
  const selector = 2;
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
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);
  res.end();
});

app.listen(3000);
