// ok: open-redirect
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/open-redirect/18", async (req: Request, res: Response) => {
  const param = req.body.name;
  const values = new Map<string, string>();
  values.set("keyA", "a_Value");
  values.set("keyB", param);
  values.set("keyC", "another_Value");
  const bar = values.get("keyA");
  res.redirect(302, bar);
});

app.listen(3000);
