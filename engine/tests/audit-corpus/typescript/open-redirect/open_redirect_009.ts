// expect: open-redirect (on the marked line)
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/9", async (req: Request, res: Response) => {
  res.redirect(req.query.name);  // expect: open-redirect
});

app.listen(3000);
