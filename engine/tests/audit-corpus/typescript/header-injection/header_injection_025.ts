// expect: header-injection (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/header-injection/25", async (req: Request, res: Response) => {
  const param = req.query.name;
  const allowed = ["alpha", "beta"];
  if (!allowed.includes(param)) {
    console.warn("unexpected value");
  }
  const bar = param;
  res.setHeader("Content-Disposition", "attachment; filename=" + bar);  // expect: header-injection
  res.end();
});

app.listen(3000);
