// expect: header-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/9", async (req: Request, res: Response) => {
  res.setHeader("Content-Disposition", "attachment; filename=" + req.query.name);  // expect: header-injection
  res.end();
});

app.listen(3000);
